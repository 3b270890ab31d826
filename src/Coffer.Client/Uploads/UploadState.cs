namespace Coffer.Client.Uploads;

/// <summary>
/// Everything needed to resume one sealed upload after the process died: where it goes, the keys and header that make its
/// ciphertext reproducible, and the identity of the plaintext file it was made from. Holds keys: stored 0600.
/// </summary>
public sealed record UploadState
{
    /// <summary>What the upload is for, e.g. <c>owner:{accountId}:new:{folder}</c> or <c>link:{linkId}</c>.</summary>
    public required string Scope { get; init; }

    public required string FilePath { get; init; }

    public required long FileSize { get; init; }

    /// <summary>Last write time of the file in UTC ticks, so a file edited in between starts a fresh upload.</summary>
    public required long FileModifiedTicks { get; init; }

    /// <summary>The tus upload URL (absolute), once created.</summary>
    public string? UploadUrl { get; init; }

    public required string FileId { get; init; }

    public required string ContentId { get; init; }

    /// <summary>CK, base64url.</summary>
    public required string ContentKey { get; init; }

    /// <summary>FK, base64url, for a file that does not exist on the server yet (so the resumed stream keeps its binding).</summary>
    public string? FileKey { get; init; }

    public required int SegmentSize { get; init; }

    /// <summary>Stream salt, base64url.</summary>
    public required string Salt { get; init; }

    /// <summary>Stream nonce prefix, base64url.</summary>
    public required string NoncePrefix { get; init; }

    public required long CiphertextLength { get; init; }

    /// <summary>The folder a new file goes to.</summary>
    public string? FolderId { get; init; }

    /// <summary>The version the upload was based on (for the commit), when known at start.</summary>
    public int? BasedOn { get; init; }
}
