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
    public const string PreconditionFailed = "precondition-failed";
    public const string PreconditionRequired = "precondition-required";
    public const string LinkNotFound = "link-not-found";
    public const string LinkExpired = "link-expired";
    public const string LinkOpenLimitReached = "link-open-limit-reached";
    public const string LinkSuspended = "link-suspended";
    public const string LinkSessionRequired = "link-session-required";
    public const string LinkNotCooperative = "link-not-cooperative";
    public const string LinkRevoked = "link-revoked";
    public const string DownloadDisabled = "download-disabled";
    public const string LinkPermissionImmutable = "link-permission-immutable";
    public const string CooperativeLinksNotInPlan = "cooperative-links-not-in-plan";
    public const string CooperativeLinksBlocked = "cooperative-links-blocked";
    public const string DownloadsDisabledByPolicy = "downloads-disabled-by-policy";
    public const string LinkOptionForced = "link-option-forced";
    public const string LinkOptionUnavailable = "link-option-unavailable";
    public const string LinkExpiryTooLong = "link-expiry-too-long";

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
        [PreconditionFailed] = (412, "The resource changed since it was read."),
        [PreconditionRequired] = (428, "Send If-Match with the ETag you read."),
        [LinkNotFound] = (404, "No such link."),
        [LinkExpired] = (410, "This link has expired."),
        [LinkOpenLimitReached] = (410, "This link has been opened as often as its owner allowed."),
        [LinkSuspended] = (403, "This link is suspended by its organization's policy."),
        [LinkSessionRequired] = (401, "Open the link first."),
        [LinkNotCooperative] = (403, "This link does not take new versions."),
        [LinkRevoked] = (410, "The link is revoked."),
        [DownloadDisabled] = (403, "Downloads are disabled for this link."),
        [LinkPermissionImmutable] = (409, "A link's permission cannot change."),
        [CooperativeLinksNotInPlan] = (403, "Cooperative links need the Professional, Business or Enterprise plan."),
        [CooperativeLinksBlocked] = (403, "The organization does not allow cooperative links."),
        [DownloadsDisabledByPolicy] = (409, "The organization's policy disables downloads."),
        [LinkOptionForced] = (422, "This option is always on for cooperative links."),
        [LinkOptionUnavailable] = (422, "This option is not available for cooperative links."),
        [LinkExpiryTooLong] = (422, "The expiry is beyond the organization's maximum."),
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
