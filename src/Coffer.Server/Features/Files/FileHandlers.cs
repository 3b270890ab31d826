using System.Security.Claims;
using Coffer.Contracts.Files;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Events;
using Coffer.Server.Features.Folders;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Files;

/// <summary>Owner file handlers: list, create, get, rename, move, trash, restore. Another account's file is 404, like a missing one.</summary>
public static class FileHandlers
{
    public static async Task<Results<Ok<IReadOnlyList<FileDto>>, ProblemHttpResult>> List(
        ClaimsPrincipal user, CofferDbContext db, string? folderId, bool? trashed, CancellationToken cancellationToken)
    {
        var ownerId = user.AccountId();
        var query = db.Set<StoredFile>().AsNoTracking().Where(f => f.OwnerId == ownerId);
        query = trashed == true ? query.Where(f => f.TrashedAt != null) : query.Where(f => f.TrashedAt == null);
        if (folderId == "root")
        {
            query = query.Where(f => f.FolderId == null);
        }
        else if (folderId is not null)
        {
            if (!Guid.TryParse(folderId, out var folder))
            {
                return Problems.Invalid("folderId must be a folder id or \"root\".");
            }

            query = query.Where(f => f.FolderId == folder);
        }

        var rows = await (
            from file in query
            join version in db.Set<FileVersion>() on file.Id equals version.FileId
            where version.Number == db.Set<FileVersion>().Where(v => v.FileId == file.Id).Max(v => v.Number)
            orderby file.CreatedAt, file.Id
            select new { file, version })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FileDto>>(rows.Select(r => r.file.ToDto(r.version)).ToList());
    }

    public static async Task<Results<Created<FileDto>, ProblemHttpResult>> Create(
        CreateFileRequest request, ClaimsPrincipal user, CofferDbContext db, VersionCommitter committer, TimeProvider time, CancellationToken cancellationToken)
    {
        var extension = FileInput.NormaliseExtension(request.Extension);
        var nameError = FileInput.CheckSealedName(request.SealedName, out var sealedName);
        var keyError = FileInput.CheckWrappedKey(request.WrappedFileKey, "wrappedFileKey", out var wrappedFileKey);
        var (content, contentError) = DecodeContent(request.Version);
        var invalid = request.Id == Guid.Empty ? "id must be a UUID chosen by the client." : null;
        invalid ??= extension is null ? "extension must be at most 16 letters or digits, without the dot (empty for none)." : null;
        invalid ??= nameError ?? keyError ?? contentError;
        if (invalid is not null)
        {
            return Problems.Invalid(invalid);
        }

        var ownerId = user.AccountId();
        if (request.FolderId is { } folderId && !await db.Set<Folder>().AnyAsync(f => f.Id == folderId && f.OwnerId == ownerId, cancellationToken))
        {
            return Problems.Of(ErrorCodes.ParentNotFound, "The folder does not exist.");
        }

        var now = time.GetUtcNow();
        var file = new StoredFile
        {
            Id = request.Id,
            OwnerId = ownerId,
            FolderId = request.FolderId,
            Extension = extension!,
            SealedName = sealedName,
            WrappedFileKey = wrappedFileKey,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var result = await committer.CreateFileAsync(file, content!, OwnerUploader(user), cancellationToken);
        return result.Problem is { } problem
            ? problem
            : TypedResults.Created($"/api/files/{file.Id:D}", file.ToDto(result.Version!));
    }

    public static async Task<Results<Ok<FileDto>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, CofferDbContext db, CancellationToken cancellationToken)
    {
        var file = await FindAsync(db, user, id, cancellationToken);
        return file is null ? Problems.NotFound("file") : TypedResults.Ok(await ToDtoAsync(db, file, cancellationToken));
    }

    public static async Task<Results<Ok<FileDto>, ProblemHttpResult>> Rename(
        Guid id, RenameRequest request, ClaimsPrincipal user, CofferDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (FileInput.CheckSealedName(request.SealedName, out var sealedName) is { } invalid)
        {
            return Problems.Invalid(invalid);
        }

        var file = await FindAsync(db, user, id, cancellationToken);
        if (file is null)
        {
            return Problems.NotFound("file");
        }

        file.SealedName = sealedName;
        file.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, file, cancellationToken));
    }

    public static async Task<Results<Ok<FileDto>, ProblemHttpResult>> Move(
        Guid id, MoveFileRequest request, ClaimsPrincipal user, CofferDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var file = await FindAsync(db, user, id, cancellationToken);
        if (file is null)
        {
            return Problems.NotFound("file");
        }

        if (request.FolderId is { } folderId && !await db.Set<Folder>().AnyAsync(f => f.Id == folderId && f.OwnerId == file.OwnerId, cancellationToken))
        {
            return Problems.Of(ErrorCodes.ParentNotFound, "The target folder does not exist.");
        }

        file.FolderId = request.FolderId;
        file.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, file, cancellationToken));
    }

    public static async Task<Results<Ok<FileDto>, ProblemHttpResult>> Trash(
        Guid id, ClaimsPrincipal user, CofferDbContext db, AccessEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await SetTrashed(id, user, db, time.GetUtcNow(), cancellationToken);
        if (result.Result is Ok<FileDto>)
        {
            // A trashed file closes its links (the door answers 404): their open recipient streams are told at once.
            events.Changed(id);
        }

        return result;
    }

    public static Task<Results<Ok<FileDto>, ProblemHttpResult>> Restore(Guid id, ClaimsPrincipal user, CofferDbContext db, CancellationToken cancellationToken) =>
        SetTrashed(id, user, db, null, cancellationToken);

    /// <summary>The caller's own file, tracked; null when missing or another account's.</summary>
    public static Task<StoredFile?> FindAsync(CofferDbContext db, ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var ownerId = user.AccountId();
        return db.Set<StoredFile>().SingleOrDefaultAsync(f => f.Id == id && f.OwnerId == ownerId, cancellationToken);
    }

    public static Uploader OwnerUploader(ClaimsPrincipal user) => new(user.Email(), user.AccountId(), user.UploadOwnerKey());

    /// <summary>Decodes the content part of a create/commit request; the error is a sentence or null.</summary>
    public static (NewContent? Content, string? Error) DecodeContent(NewVersionContent? version)
    {
        if (version is null)
        {
            return (null, "version is required.");
        }

        var keyError = FileInput.CheckWrappedKey(version.WrappedContentKey, "wrappedContentKey", out var wrappedContentKey);
        var metadataError = FileInput.CheckSealedMetadata(version.SealedMetadata, out var sealedMetadata);
        var error = string.IsNullOrWhiteSpace(version.UploadId) ? "uploadId is required." : null;
        error ??= version.ContentId == Guid.Empty ? "contentId must be a UUID chosen by the client." : null;
        error ??= keyError ?? metadataError;
        return error is null
            ? (new NewContent(version.UploadId, version.ContentId, wrappedContentKey, sealedMetadata), null)
            : (null, error);
    }

    private static async Task<Results<Ok<FileDto>, ProblemHttpResult>> SetTrashed(Guid id, ClaimsPrincipal user, CofferDbContext db, DateTimeOffset? trashedAt, CancellationToken cancellationToken)
    {
        var file = await FindAsync(db, user, id, cancellationToken);
        if (file is null)
        {
            return Problems.NotFound("file");
        }

        file.TrashedAt = trashedAt;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, file, cancellationToken));
    }

    private static async Task<FileDto> ToDtoAsync(CofferDbContext db, StoredFile file, CancellationToken cancellationToken)
    {
        var current = await db.Set<FileVersion>().AsNoTracking()
            .Where(v => v.FileId == file.Id).OrderByDescending(v => v.Number).FirstAsync(cancellationToken);
        return file.ToDto(current);
    }
}
