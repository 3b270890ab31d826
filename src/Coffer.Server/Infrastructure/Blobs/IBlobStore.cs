namespace Coffer.Server.Infrastructure.Blobs;

/// <summary>Immutable ciphertext blobs, addressed by <see cref="BlobId"/>: the seam behind which object storage will later sit.</summary>
/// <remarks>
/// Uploads in progress are not blobs: tus needs append-at-offset and survival across restarts, so they are
/// staged on local disk by the uploads feature and handed over whole with <see cref="ImportFileAsync"/>.
/// </remarks>
public interface IBlobStore
{
    /// <summary>Takes ownership of a finished local file and stores it as <paramref name="id"/>; atomic (a rename on the same volume).</summary>
    Task ImportFileAsync(BlobId id, string sourceFilePath, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading; the stream is seekable so HTTP Range can be served. Null when absent.</summary>
    Task<Stream?> OpenReadAsync(BlobId id, CancellationToken cancellationToken);

    /// <summary>The blob's length in bytes, or null when absent.</summary>
    Task<long?> GetLengthAsync(BlobId id, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(BlobId id, CancellationToken cancellationToken);

    /// <summary>Removes a blob; true when it existed.</summary>
    Task<bool> DeleteAsync(BlobId id, CancellationToken cancellationToken);
}
