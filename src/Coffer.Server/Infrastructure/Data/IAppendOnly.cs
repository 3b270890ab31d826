namespace Coffer.Server.Infrastructure.Data;

/// <summary>Marks an entity whose rows, once saved, may never be modified or deleted (versions, access log).</summary>
public interface IAppendOnly;
