using Coffer.Server.Features.Organizations;
using Coffer.Server.Features.Uploads;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Files;

/// <summary>The content of a new version, decoded and checked: a completed upload, its content id, wrapped content key and sealed metadata.</summary>
public sealed record NewContent(string UploadId, Guid ContentId, byte[] WrappedContentKey, byte[] SealedMetadata);

/// <summary>Who makes a version: the email recorded on the row, the account (null for a link recipient) and the owner key its uploads are filed under.</summary>
public sealed record Uploader(string Email, Guid? AccountId, string UploadOwnerKey);

/// <summary>A committed version and the latest version number before it; or the problem that stopped the commit.</summary>
public sealed record CommitResult(FileVersion? Version, int LatestBefore, ProblemHttpResult? Problem)
{
    public static CommitResult Failed(ProblemHttpResult problem) => new(null, 0, problem);
}

/// <summary>
/// Appends versions: claims the completed upload, inserts version N+1 (retrying with a fresh N when a concurrent commit
/// took the number, so both land), then confirms or releases the claim. Used by owners and, through links, by recipients.
/// </summary>
public sealed class VersionCommitter(CofferDbContext db, IUploadStore uploads, AccountPlans plans, TimeProvider time)
{
    private const int MaxAttempts = 20;

    /// <summary>Creates <paramref name="file"/> with its first version in one transaction.</summary>
    public async Task<CommitResult> CreateFileAsync(StoredFile file, NewContent content, Uploader uploader, CancellationToken cancellationToken)
    {
        if (await db.Set<StoredFile>().AnyAsync(f => f.Id == file.Id, cancellationToken))
        {
            return CommitResult.Failed(DuplicateFile());
        }

        var (claim, problem) = await ClaimAsync(content.UploadId, file, uploader, cancellationToken);
        if (claim is null)
        {
            return CommitResult.Failed(problem!);
        }

        var version = NewVersion(file.Id, 1, content, claim, uploader, basedOn: null);
        db.Set<StoredFile>().Add(file);
        db.Set<FileVersion>().Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await uploads.ReleaseClaimAsync(claim, CancellationToken.None);
            if (await db.Set<StoredFile>().AnyAsync(f => f.Id == file.Id, cancellationToken))
            {
                return CommitResult.Failed(DuplicateFile());
            }

            throw;
        }

        await uploads.ConfirmClaimAsync(claim, CancellationToken.None);
        return new CommitResult(version, 0, null);
    }

    /// <summary>Commits a completed upload as the next version of <paramref name="file"/>.</summary>
    public async Task<CommitResult> CommitUploadAsync(StoredFile file, NewContent content, string? extension, int? basedOn, Uploader uploader, CancellationToken cancellationToken)
    {
        if (file.TrashedAt is not null)
        {
            return CommitResult.Failed(Problems.Of(ErrorCodes.FileTrashed, "Restore the file from the trash before adding versions."));
        }

        if (!FileInput.SameExtension(file.Extension, extension))
        {
            return CommitResult.Failed(ExtensionMismatch(file.Extension));
        }

        var latest = await LatestNumberAsync(file.Id, cancellationToken);
        if (basedOn is not null && (basedOn < 1 || basedOn > latest))
        {
            return CommitResult.Failed(Problems.Invalid($"basedOn must name an existing version (1–{latest})."));
        }

        if (await db.Set<FileVersion>().AnyAsync(v => v.FileId == file.Id && v.ContentId == content.ContentId, cancellationToken))
        {
            return CommitResult.Failed(Problems.Of(ErrorCodes.DuplicateId, "contentId is already used by a version of this file; every upload gets a fresh one."));
        }

        var (claim, problem) = await ClaimAsync(content.UploadId, file, uploader, cancellationToken);
        if (claim is null)
        {
            return CommitResult.Failed(problem!);
        }

        try
        {
            var (version, latestBefore) = await InsertNextAsync(file.Id, number => NewVersion(file.Id, number, content, claim, uploader, basedOn), cancellationToken);
            await uploads.ConfirmClaimAsync(claim, CancellationToken.None);
            return new CommitResult(version, latestBefore, null);
        }
        catch
        {
            await uploads.ReleaseClaimAsync(claim, CancellationToken.None);
            throw;
        }
    }

    /// <summary>"Make it current": a new version that reuses <paramref name="source"/>'s blob, content id, wrapped key and sealed metadata.</summary>
    public async Task<CommitResult> MakeCurrentAsync(StoredFile file, FileVersion source, Uploader uploader, CancellationToken cancellationToken)
    {
        if (file.TrashedAt is not null)
        {
            return CommitResult.Failed(Problems.Of(ErrorCodes.FileTrashed, "Restore the file from the trash before adding versions."));
        }

        var (version, latestBefore) = await InsertNextAsync(file.Id, number => new FileVersion
        {
            FileId = file.Id,
            Number = number,
            ContentId = source.ContentId,
            BlobId = source.BlobId,
            CiphertextLength = source.CiphertextLength,
            CiphertextSha256 = source.CiphertextSha256,
            WrappedContentKey = source.WrappedContentKey,
            SealedMetadata = source.SealedMetadata,
            CreatedAt = time.GetUtcNow(),
            UploaderEmail = uploader.Email,
            UploaderAccountId = uploader.AccountId,
            BasedOn = number - 1,
            RestoredFrom = source.Number,
        }, cancellationToken);
        return new CommitResult(version, latestBefore, null);
    }

    public async Task<int> LatestNumberAsync(Guid fileId, CancellationToken cancellationToken) =>
        await db.Set<FileVersion>().Where(v => v.FileId == fileId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;

    public static ProblemHttpResult ExtensionMismatch(string fileExtension) => Problems.Of(
        ErrorCodes.ExtensionMismatch,
        fileExtension.Length == 0
            ? "This file has no extension; a new version must have none either."
            : $"A new version must have the file's extension \"{fileExtension}\" (case does not matter).",
        new Dictionary<string, object?> { ["expectedExtension"] = fileExtension });

    private async Task<(FileVersion Version, int LatestBefore)> InsertNextAsync(Guid fileId, Func<int, FileVersion> build, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var latest = await LatestNumberAsync(fileId, cancellationToken);
            var version = build(latest + 1);
            var entry = db.Set<FileVersion>().Add(version);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (version, latest);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another commit took this number (unique key FileId+Number): take the next one.
                entry.State = EntityState.Detached;
                if (!await db.Set<FileVersion>().AnyAsync(v => v.FileId == fileId && v.Number == version.Number, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    private async Task<(CompletedUpload? Claim, ProblemHttpResult? Problem)> ClaimAsync(string uploadId, StoredFile file, Uploader uploader, CancellationToken cancellationToken)
    {
        var result = await uploads.TryClaimAsync(uploadId, uploader.UploadOwnerKey, cancellationToken);
        switch (result.Status)
        {
            case UploadClaimStatus.Claimed when result.Upload is { } claim:
                if (claim.Metadata.TryGetValue("extension", out var declared) && !FileInput.SameExtension(file.Extension, declared))
                {
                    await uploads.ReleaseClaimAsync(claim, CancellationToken.None);
                    return (null, ExtensionMismatch(file.Extension));
                }

                // The tus layer enforces the server-wide limit; the file owner's plan may allow less.
                var limit = (await plans.GetAsync(file.OwnerId, cancellationToken)).Limits.MaxFileSizeBytes;
                if (SealedStreamLength.TryGetPlaintextLength(claim.CiphertextLength, out var plaintext) && plaintext > limit)
                {
                    await uploads.ReleaseClaimAsync(claim, CancellationToken.None);
                    return (null, Problems.Of(ErrorCodes.PayloadTooLarge, $"This plan allows files of at most {limit} bytes."));
                }

                return (claim, null);
            case UploadClaimStatus.Incomplete:
                return (null, Problems.Of(ErrorCodes.UploadIncomplete, "The upload has not received all its bytes yet; finish it, then commit."));
            case UploadClaimStatus.AlreadyClaimed:
                return (null, Problems.Of(ErrorCodes.Conflict, "This upload is already committed or being committed."));
            default:
                return (null, Problems.Of(ErrorCodes.UploadNotFound, "No completed upload with that id exists for this account (it may have expired)."));
        }
    }

    private FileVersion NewVersion(Guid fileId, int number, NewContent content, CompletedUpload claim, Uploader uploader, int? basedOn) => new()
    {
        FileId = fileId,
        Number = number,
        ContentId = content.ContentId,
        BlobId = claim.BlobId.Value,
        CiphertextLength = claim.CiphertextLength,
        CiphertextSha256 = claim.Sha256,
        WrappedContentKey = content.WrappedContentKey,
        SealedMetadata = content.SealedMetadata,
        CreatedAt = time.GetUtcNow(),
        UploaderEmail = uploader.Email,
        UploaderAccountId = uploader.AccountId,
        BasedOn = basedOn,
    };

    private static ProblemHttpResult DuplicateFile() => Problems.Of(ErrorCodes.DuplicateId, "A file with this id already exists; choose a new random id.");
}
