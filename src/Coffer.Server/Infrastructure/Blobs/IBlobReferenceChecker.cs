namespace Coffer.Server.Infrastructure.Blobs;

/// <summary>Answers whether committed data (a version row) points at a blob; the upload sweeper uses it to settle claims left unconfirmed by a crash.</summary>
/// <remarks>Optional: without a registration the sweeper never deletes a claimed blob, it only forgets the claim.</remarks>
public interface IBlobReferenceChecker
{
    Task<bool> IsReferencedAsync(BlobId id, CancellationToken cancellationToken);
}
