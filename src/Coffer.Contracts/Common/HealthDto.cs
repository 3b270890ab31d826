namespace Coffer.Contracts.Common;

/// <summary>The answer of the health endpoint.</summary>
public sealed record HealthDto(string Status, string Database);
