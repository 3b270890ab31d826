using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Uploads;

namespace Coffer.Server.Features.Files;

/// <summary>The file, version and upload routes: <c>/api/files…</c> and <c>/api/uploads…</c> (tus).</summary>
public static class FilesApi
{
    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/api/files").WithTags("Files").RequireAuthorization();
        files.MapGet("", FileHandlers.List).WithName("ListFiles")
            .WithSummary("The account's files; folderId=<uuid> or folderId=root filters by folder, trashed=true lists the trash.");
        files.MapPost("", FileHandlers.Create).WithName("CreateFile").WithSummary("Creates a file with its first version from a completed upload.");
        files.MapGet("/{id:guid}", FileHandlers.Get).WithName("GetFile").WithSummary("One file with its current version.");
        files.MapPatch("/{id:guid}", FileHandlers.Rename).WithName("RenameFile").WithSummary("Replaces the sealed name.");
        files.MapPost("/{id:guid}/move", FileHandlers.Move).WithName("MoveFile").WithSummary("Moves the file to a folder (null: the root).");
        files.MapPost("/{id:guid}/trash", FileHandlers.Trash).WithName("TrashFile").WithSummary("Moves the file to the trash.");
        files.MapPost("/{id:guid}/restore", FileHandlers.Restore).WithName("RestoreFile").WithSummary("Takes the file out of the trash.");

        files.MapGet("/{id:guid}/versions", VersionHandlers.List).WithName("ListVersions").WithVersionPageParameters()
            .WithSummary("A page of the versions the plan makes available, newest first: before=<number> (default: from the latest), limit=1…200 (default 50); nextBefore names the next page.");
        files.MapPost("/{id:guid}/versions", VersionHandlers.Commit).WithName("CommitVersion")
            .WithSummary("Commits a completed upload as the next version.");
        files.MapPost("/{id:guid}/versions/{number:int}/make-current", VersionHandlers.MakeCurrent).WithName("MakeVersionCurrent")
            .WithSummary("A new version reusing version n's content (no copy).");
        files.MapMethods("/{id:guid}/versions/{number:int}/content", [HttpMethods.Get, HttpMethods.Head], VersionHandlers.Content).WithName("GetVersionContent")
            .WithSummary("The version's ciphertext, with Range, ETag and Cache-Control: private.");

        app.MapGroup("/api/uploads").WithTags("Uploads").RequireAuthorization()
            .MapTusUploads(http => http.User.Identity?.IsAuthenticated == true ? http.User.UploadOwnerKey() : null);
        return app;
    }
}
