using System.Security.Claims;
using Coffer.Contracts.Files;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Files;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Folders;

/// <summary>The folder routes under <c>/api/folders</c>: list, create, rename, move. Another account's folder is 404.</summary>
public static class FoldersApi
{
    public static IEndpointRouteBuilder MapFolders(this IEndpointRouteBuilder app)
    {
        var folders = app.MapGroup("/api/folders").WithTags("Folders").RequireAuthorization();
        folders.MapGet("", List).WithName("ListFolders").WithSummary("Every folder of the account (flat; parentId builds the tree).");
        folders.MapPost("", Create).WithName("CreateFolder").WithSummary("Creates a folder with a client-chosen id.");
        folders.MapPatch("/{id:guid}", Rename).WithName("RenameFolder").WithSummary("Replaces the sealed name.");
        folders.MapPost("/{id:guid}/move", Move).WithName("MoveFolder").WithSummary("Moves the folder under another (null: the root).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<FolderDto>>> List(ClaimsPrincipal user, CofferDbContext db, CancellationToken cancellationToken)
    {
        var ownerId = user.AccountId();
        var folders = await db.Set<Folder>().AsNoTracking().Where(f => f.OwnerId == ownerId).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FolderDto>>(folders.Select(ToDto).ToList());
    }

    private static async Task<Results<Created<FolderDto>, ProblemHttpResult>> Create(
        CreateFolderRequest request, ClaimsPrincipal user, CofferDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var invalid = request.Id == Guid.Empty ? "id must be a UUID chosen by the client." : null;
        var nameError = FileInput.CheckSealedName(request.SealedName, out var sealedName);
        invalid ??= nameError;
        if (invalid is not null)
        {
            return Problems.Invalid(invalid);
        }

        var ownerId = user.AccountId();
        if (request.ParentId is { } parentId && !await db.Set<Folder>().AnyAsync(f => f.Id == parentId && f.OwnerId == ownerId, cancellationToken))
        {
            return Problems.Of(ErrorCodes.ParentNotFound, "The parent folder does not exist.");
        }

        if (await db.Set<Folder>().AnyAsync(f => f.Id == request.Id, cancellationToken))
        {
            return Duplicate();
        }

        var now = time.GetUtcNow();
        var folder = new Folder { Id = request.Id, OwnerId = ownerId, ParentId = request.ParentId, SealedName = sealedName, CreatedAt = now, UpdatedAt = now };
        db.Set<Folder>().Add(folder);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Duplicate();
        }

        return TypedResults.Created($"/api/folders/{folder.Id:D}", ToDto(folder));
    }

    private static async Task<Results<Ok<FolderDto>, ProblemHttpResult>> Rename(
        Guid id, RenameRequest request, ClaimsPrincipal user, CofferDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (FileInput.CheckSealedName(request.SealedName, out var sealedName) is { } invalid)
        {
            return Problems.Invalid(invalid);
        }

        var ownerId = user.AccountId();
        var folder = await db.Set<Folder>().SingleOrDefaultAsync(f => f.Id == id && f.OwnerId == ownerId, cancellationToken);
        if (folder is null)
        {
            return Problems.NotFound("folder");
        }

        folder.SealedName = sealedName;
        folder.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(folder));
    }

    private static async Task<Results<Ok<FolderDto>, ProblemHttpResult>> Move(
        Guid id, MoveFolderRequest request, ClaimsPrincipal user, CofferDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var ownerId = user.AccountId();
        var folder = await db.Set<Folder>().SingleOrDefaultAsync(f => f.Id == id && f.OwnerId == ownerId, cancellationToken);
        if (folder is null)
        {
            return Problems.NotFound("folder");
        }

        if (request.ParentId is { } parentId)
        {
            var parents = await db.Set<Folder>().AsNoTracking().Where(f => f.OwnerId == ownerId)
                .ToDictionaryAsync(f => f.Id, f => f.ParentId, cancellationToken);
            if (!parents.ContainsKey(parentId))
            {
                return Problems.Of(ErrorCodes.ParentNotFound, "The target folder does not exist.");
            }

            // Walk up from the target: meeting the moved folder means it would become its own ancestor.
            for (Guid? cursor = parentId; cursor is { } current; cursor = parents.GetValueOrDefault(current))
            {
                if (current == id)
                {
                    return Problems.Of(ErrorCodes.FolderCycle, "A folder cannot move into itself or one of its subfolders.");
                }
            }
        }

        folder.ParentId = request.ParentId;
        folder.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(folder));
    }

    private static ProblemHttpResult Duplicate() => Problems.Of(ErrorCodes.DuplicateId, "A folder with this id already exists; choose a new random id.");

    private static FolderDto ToDto(Folder folder) =>
        new(folder.Id, folder.ParentId, Base64Url.Encode(folder.SealedName), folder.CreatedAt, folder.UpdatedAt);
}
