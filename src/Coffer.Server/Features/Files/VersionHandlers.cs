using System.Security.Claims;
using Coffer.Contracts.Files;
using Coffer.Server.Features.Downloads;
using Coffer.Server.Features.Events;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Blobs;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Files;

/// <summary>Owner version handlers: list (within the plan's window), commit, make current, download.</summary>
public static class VersionHandlers
{
    public static async Task<Results<Ok<VersionListDto>, ProblemHttpResult>> List(
        Guid id, string? before, string? limit, ClaimsPrincipal user, CofferDbContext db, VersionWindow window, CancellationToken cancellationToken)
    {
        if (!VersionPage.TryParse(before, limit, out var page, out var invalid))
        {
            return invalid!;
        }

        var file = await FileHandlers.FindAsync(db, user, id, cancellationToken);
        if (file is null)
        {
            return Problems.NotFound("file");
        }

        return TypedResults.Ok(await window.ListAsync(file, page, cancellationToken));
    }

    public static async Task<Results<Created<CommitVersionResponse>, ProblemHttpResult>> Commit(
        Guid id, CommitVersionRequest request, ClaimsPrincipal user, CofferDbContext db, VersionCommitter committer, VersionEvents events, CancellationToken cancellationToken)
    {
        var (content, invalid) = FileHandlers.DecodeContent(new NewVersionContent(request.UploadId, request.ContentId, request.WrappedContentKey, request.SealedMetadata));
        if (invalid is not null)
        {
            return Problems.Invalid(invalid);
        }

        var file = await FileHandlers.FindAsync(db, user, id, cancellationToken);
        if (file is null)
        {
            return Problems.NotFound("file");
        }

        var result = await committer.CommitUploadAsync(file, content!, request.Extension, request.BasedOn, FileHandlers.OwnerUploader(user), cancellationToken);
        return Created(file, result, events);
    }

    public static async Task<Results<Created<CommitVersionResponse>, ProblemHttpResult>> MakeCurrent(
        Guid id, int number, ClaimsPrincipal user, CofferDbContext db, VersionWindow window, VersionCommitter committer, VersionEvents events, CancellationToken cancellationToken)
    {
        var file = await FileHandlers.FindAsync(db, user, id, cancellationToken);
        if (file is null)
        {
            return Problems.NotFound("file");
        }

        var source = await window.FindAvailableAsync(file, number, cancellationToken);
        if (source is null)
        {
            return Problems.Of(ErrorCodes.VersionNotAvailable, "No available version with that number.");
        }

        var result = await committer.MakeCurrentAsync(file, source, FileHandlers.OwnerUploader(user), cancellationToken);
        return Created(file, result, events);
    }

    public static async Task<Results<CiphertextResult, ProblemHttpResult>> Content(
        Guid id, int number, ClaimsPrincipal user, CofferDbContext db, VersionWindow window, CancellationToken cancellationToken)
    {
        var file = await FileHandlers.FindAsync(db, user, id, cancellationToken);
        if (file is null)
        {
            return Problems.NotFound("file");
        }

        var version = await window.FindAvailableAsync(file, number, cancellationToken);
        return version is null
            ? Problems.Of(ErrorCodes.VersionNotAvailable, "No available version with that number.")
            : CiphertextResult.Of(BlobId.Parse(version.BlobId), version.CiphertextSha256);
    }

    private static Results<Created<CommitVersionResponse>, ProblemHttpResult> Created(StoredFile file, CommitResult result, VersionEvents events)
    {
        if (result.Problem is { } problem)
        {
            return problem;
        }

        var version = result.Version!;
        events.Added(file, version);
        var response = new CommitVersionResponse(version.ToDto(), result.LatestBefore, version.BasedOn is null || version.BasedOn == result.LatestBefore);
        return TypedResults.Created($"/api/files/{file.Id:D}/versions/{version.Number}", response);
    }
}

/// <summary>
/// Which versions a file's owner's plan makes available: the latest N (all on Enterprise); older rows stay stored. Version
/// numbers run 1…latest without gaps (the committer only appends latest + 1), so the window is the numbers above latest − N.
/// </summary>
public sealed class VersionWindow(CofferDbContext db, AccountPlans plans)
{
    /// <summary>
    /// One page of the window, newest first. Every query is a seek or range on the (FileId, Number) primary key: the page
    /// reads at most <c>limit + 1</c> rows, whatever the history's length.
    /// </summary>
    public async Task<VersionListDto> ListAsync(StoredFile file, VersionPage page, CancellationToken cancellationToken)
    {
        var limit = (await plans.GetAsync(file.OwnerId, cancellationToken)).Limits.VersionLimit;
        // Numbers have no gaps, so the latest number is also how many versions are stored: one seek, no COUNT.
        var latest = await LatestAsync(db, file.Id, cancellationToken) ?? 0;
        var available = limit is { } n ? Math.Min(n, latest) : latest;
        var floor = latest - available;
        var rows = new List<FileVersion>(Math.Min(page.Limit + 1, available));
        await foreach (var row in PageAsync(db, file.Id, floor, page.Before ?? int.MaxValue, page.Limit + 1).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }
        var items = rows.Take(page.Limit).Select(v => v.ToDto()).ToList();
        int? nextBefore = rows.Count > page.Limit ? items[^1].Number : null;
        return new VersionListDto(items, latest, latest - available, available, nextBefore);
    }

    // Compiled: every recipient metadata request runs both.
    private static readonly Func<CofferDbContext, Guid, CancellationToken, Task<int?>> LatestAsync =
        EF.CompileAsyncQuery((CofferDbContext db, Guid fileId, CancellationToken cancellationToken) =>
            db.Set<FileVersion>().Where(v => v.FileId == fileId).Max(v => (int?)v.Number));

    private static readonly Func<CofferDbContext, Guid, int, int, int, IAsyncEnumerable<FileVersion>> PageAsync =
        EF.CompileAsyncQuery((CofferDbContext db, Guid fileId, int floor, int before, int take) =>
            db.Set<FileVersion>().AsNoTracking()
                .Where(v => v.FileId == fileId && v.Number > floor && v.Number < before)
                .OrderByDescending(v => v.Number)
                .Take(take));

    /// <summary>The version when it exists and is inside the plan's window; else null.</summary>
    public async Task<FileVersion?> FindAvailableAsync(StoredFile file, int number, CancellationToken cancellationToken)
    {
        var limit = (await plans.GetAsync(file.OwnerId, cancellationToken)).Limits.VersionLimit;
        return limit is { } n
            ? await FindWithinAsync(db, file.Id, number, n, cancellationToken)
            : await FindAnyAsync(db, file.Id, number, cancellationToken);
    }

    // One statement each (the row and, for a window, the latest number as a subquery); compiled, as every recipient range
    // request runs one.
    private static readonly Func<CofferDbContext, Guid, int, int, CancellationToken, Task<FileVersion?>> FindWithinAsync =
        EF.CompileAsyncQuery((CofferDbContext db, Guid fileId, int number, int limit, CancellationToken cancellationToken) =>
            db.Set<FileVersion>().AsNoTracking()
                .Where(v => v.FileId == fileId && v.Number == number)
                .Where(v => v.Number > db.Set<FileVersion>().Where(w => w.FileId == fileId).Max(w => w.Number) - limit)
                .SingleOrDefault());

    private static readonly Func<CofferDbContext, Guid, int, CancellationToken, Task<FileVersion?>> FindAnyAsync =
        EF.CompileAsyncQuery((CofferDbContext db, Guid fileId, int number, CancellationToken cancellationToken) =>
            db.Set<FileVersion>().AsNoTracking().SingleOrDefault(v => v.FileId == fileId && v.Number == number));
}

/// <summary>Tells the upload sweeper whether a version row points at a blob.</summary>
internal sealed class VersionBlobReferences(IDbContextFactory<CofferDbContext> dbFactory) : IBlobReferenceChecker
{
    public async Task<bool> IsReferencedAsync(BlobId id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<FileVersion>().AnyAsync(v => v.BlobId == id.Value, cancellationToken);
    }
}
