using System.ComponentModel.DataAnnotations;

namespace Coffer.Server.Infrastructure.Data;

/// <summary>Where the server keeps its data: the SQLite database, blobs, the server secret and the dev outbox.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data directory, absolute or relative to the content root (default <c>./data</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:DataDirectory must name a directory.")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>An ADO.NET connection string overriding the default SQLite file <c>{DataDirectory}/coffer.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The absolute data directory resolved against the content root.</summary>
    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);
}
