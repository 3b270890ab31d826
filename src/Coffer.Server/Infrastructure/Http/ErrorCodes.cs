namespace Coffer.Server.Infrastructure.Http;

/// <summary>The catalogue of stable <c>errorCode</c> values: each with its HTTP status and a title.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid-request";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string RateLimited = "rate-limited";
    public const string InternalError = "internal-error";
    public const string AntiforgeryFailed = "antiforgery-failed";
    public const string InvalidCredentials = "invalid-credentials";
    public const string EmailNotConfirmed = "email-not-confirmed";
    public const string InvalidCode = "invalid-code";
    public const string DuplicateId = "duplicate-id";
    public const string ExtensionMismatch = "extension-mismatch";
    public const string UploadNotFound = "upload-not-found";
    public const string UploadIncomplete = "upload-incomplete";
    public const string ParentNotFound = "parent-not-found";
    public const string FolderCycle = "folder-cycle";
    public const string FileTrashed = "file-trashed";
    public const string NotAnAdmin = "not-an-admin";
    public const string VersionNotAvailable = "version-not-available";

    /// <summary>Status and title of every code; a code not listed here is a bug.</summary>
    public static readonly IReadOnlyDictionary<string, (int Status, string Title)> Catalogue = new Dictionary<string, (int, string)>
    {
        [InvalidRequest] = (400, "The request is not valid."),
        [Unauthenticated] = (401, "Authentication is required."),
        [Forbidden] = (403, "This is not allowed."),
        [NotFound] = (404, "Not found."),
        [MethodNotAllowed] = (405, "Method not allowed."),
        [Conflict] = (409, "Conflict."),
        [PayloadTooLarge] = (413, "Payload too large."),
        [UnsupportedMediaType] = (415, "Unsupported media type."),
        [RateLimited] = (429, "Too many requests."),
        [InternalError] = (500, "Something went wrong on the server."),
        [AntiforgeryFailed] = (403, "The anti-forgery check failed."),
        [InvalidCredentials] = (401, "Wrong email or password."),
        [EmailNotConfirmed] = (403, "The email address is not confirmed yet."),
        [InvalidCode] = (400, "The code is wrong or expired."),
        [DuplicateId] = (409, "That id is already taken."),
        [ExtensionMismatch] = (422, "A new version must keep the file's format."),
        [UploadNotFound] = (404, "No such completed upload."),
        [UploadIncomplete] = (409, "The upload is not complete."),
        [ParentNotFound] = (404, "The target folder does not exist."),
        [FolderCycle] = (409, "A folder cannot move into itself."),
        [FileTrashed] = (409, "The file is in the trash."),
        [NotAnAdmin] = (403, "Only an organization admin can do this."),
        [VersionNotAvailable] = (404, "That version is not available on this plan."),
    };

    /// <summary>The default code for a bare status written by the framework (routing, binding, status code pages).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => InvalidRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        _ when status >= 500 => InternalError,
        _ => InvalidRequest,
    };
}
