using System.Text.Json.Serialization;

namespace Coffer.Server.Features.Uploads;

/// <summary>The durable state of one upload, kept as <c>{id}.json</c> next to its bytes <c>{id}.bin</c>.</summary>
/// <remarks>The offset is not stored: it is the length of the data file, which only ever holds bytes received in order.</remarks>
internal sealed record UploadInfo
{
    public required string Id { get; init; }

    public required string OwnerKey { get; init; }

    /// <summary>Declared ciphertext length (<c>Upload-Length</c>).</summary>
    public required long Length { get; init; }

    /// <summary>The <c>Upload-Metadata</c> header as received, echoed on HEAD.</summary>
    public string? RawMetadata { get; init; }

    public required Dictionary<string, string> Metadata { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Lowercase hex SHA-256 of the whole ciphertext, set when the last byte arrives.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Set once a claim has moved the bytes into the blob store (written before the move, as intent).</summary>
    public string? BlobId { get; init; }

    /// <summary>Set while a claim is unconfirmed; cleared by release.</summary>
    public DateTimeOffset? ReservedAt { get; init; }
}

[JsonSerializable(typeof(UploadInfo))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class UploadInfoJsonContext : JsonSerializerContext;
