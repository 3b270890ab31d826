namespace Coffer.Contracts.Links;

/// <summary>The two link permissions: <c>access</c> (plain shared link) and <c>modify</c> (cooperative link).</summary>
public static class LinkPermissions
{
    public const string Access = "access";
    public const string Modify = "modify";
}

/// <summary>The states a link can be in, as its owner sees them.</summary>
public static class LinkStatuses
{
    public const string Active = "active";
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    /// <summary>The open limit is reached: existing sessions continue, no new one opens.</summary>
    public const string Exhausted = "exhausted";

    /// <summary>A cooperative link while its organization's policy disables downloads; nothing is deleted.</summary>
    public const string Suspended = "suspended";
}

/// <summary>
/// Creates a link to one file. <c>Id</c> is 22 base64url characters chosen by the client; <c>WrappedFileKey</c> is the file key
/// wrapped under the link wrap key (CRYPTO.md §4, §7); <c>AuthTokenHash</c> is base64url(SHA-256(LinkAuthToken)).
/// Options left null take their defaults (organization policy for the expiry; cooperative links force the access log and email verification on).
/// </summary>
public sealed record CreateLinkRequest(
    string Id,
    Guid FileId,
    string Permission,
    string WrappedFileKey,
    string AuthTokenHash,
    bool? AccessLog = null,
    bool? RequireEmail = null,
    bool? DisableDownload = null,
    bool? Watermark = null,
    DateTimeOffset? ExpiresAt = null,
    int? OpenLimit = null,
    bool? NotifyOwner = null);

/// <summary>
/// Changes a link's options (send <c>If-Match</c> with the link's ETag). Null fields stay as they are; <c>ClearExpiry</c> and
/// <c>ClearOpenLimit</c> remove those limits. <c>Permission</c> can only repeat the current one: a link never changes kind.
/// </summary>
public sealed record UpdateLinkRequest(
    string? Permission = null,
    bool? AccessLog = null,
    bool? RequireEmail = null,
    bool? DisableDownload = null,
    bool? Watermark = null,
    DateTimeOffset? ExpiresAt = null,
    bool? ClearExpiry = null,
    int? OpenLimit = null,
    bool? ClearOpenLimit = null,
    bool? NotifyOwner = null);

/// <summary>A link as its owner (or an admin of the owner's organization) sees it; <c>Revision</c> is the ETag's value.</summary>
public sealed record LinkDto(
    string Id,
    Guid FileId,
    string FileExtension,
    string Permission,
    bool Cooperative,
    string Status,
    bool AccessLog,
    bool RequireEmail,
    bool DisableDownload,
    bool Watermark,
    DateTimeOffset? ExpiresAt,
    int? OpenLimit,
    int OpenCount,
    bool NotifyOwner,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    Guid CreatorId,
    string CreatorEmail,
    int Revision);

/// <summary>One access-log event. <c>Sequence</c> counts the link's events from 1; <c>Hash</c> chains it to the one before (hex).</summary>
public sealed record AccessLogEntryDto(
    long Sequence,
    DateTimeOffset At,
    string LinkId,
    Guid FileId,
    string Action,
    string? Actor,
    int? Version,
    string? Ip,
    string? UserAgent,
    string? Detail,
    string PreviousHash,
    string Hash);

/// <summary>A page of a link's access log, oldest first; pass <c>NextAfter</c> as <c>after</c> for the next page (null: the end).</summary>
public sealed record AccessLogPageDto(IReadOnlyList<AccessLogEntryDto> Entries, long? NextAfter);

/// <summary>
/// The result of walking a link's hash chain: intact, or the first sequence number whose row does not match. <c>LastHash</c>
/// (hex) is the hash of the newest row checked: a client that remembers it can later tell that rows were cut off the end,
/// which a chain alone cannot show.
/// </summary>
public sealed record AccessLogVerificationDto(bool Intact, long Checked, long? FirstBrokenSequence, string? Problem, string? LastHash = null);

/// <summary>Asks for a verification code to be mailed to <c>Email</c> (always answered 202).</summary>
public sealed record LinkVerificationRequest(string Email);

/// <summary>
/// Opens a link session: <c>Email</c> + <c>Code</c> when the link requires email (both omitted otherwise). <c>Client</c> is
/// <c>browser</c> (default: an HttpOnly cookie scoped to <c>/api/l/{linkId}</c>) or <c>cli</c> (a bearer token in the body).
/// </summary>
public sealed record LinkSessionRequest(string? Email = null, string? Code = null, string? Client = null);

/// <summary>An open link session: the bearer token (CLI only, else null), its expiry and the verified email (null without verification).</summary>
public sealed record LinkSessionDto(string? Token, DateTimeOffset ExpiresAt, string? Email);

/// <summary>What a link demands before a session, answered to anyone holding the link token.</summary>
public sealed record LinkGateDto(string LinkId, string Permission, bool Cooperative, bool RequireEmail);

/// <summary>
/// The recipient's view of a link: the file's wrapped key (under the link wrap key), sealed name, extension, options and the
/// available versions, newest first.
/// </summary>
public sealed record LinkInfoDto(
    string LinkId,
    Guid FileId,
    string Permission,
    bool Cooperative,
    string Extension,
    string WrappedFileKey,
    string SealedName,
    bool CanDownload,
    bool CanUpload,
    bool Watermark,
    DateTimeOffset? ExpiresAt,
    string? Email,
    Coffer.Contracts.Files.VersionListDto Versions);

/// <summary>The data of the <c>version-added</c> server-sent event.</summary>
public sealed record VersionAddedEvent(Guid FileId, int Number, string Uploader, int? BasedOn, DateTimeOffset CreatedAt);

/// <summary>Names of server-sent events.</summary>
public static class LinkEventNames
{
    public const string VersionAdded = "version-added";
}

/// <summary>The access-log actions.</summary>
public static class AccessLogActions
{
    public const string Created = "created";
    public const string Opened = "opened";
    public const string VerificationSent = "verification-sent";
    public const string Verified = "verified";
    public const string VerificationFailed = "verification-failed";
    public const string Previewed = "previewed";
    public const string Downloaded = "downloaded";
    public const string VersionUploaded = "version-uploaded";
    public const string MadeCurrent = "made-current";
    public const string OptionsChanged = "options-changed";
    public const string Revoked = "revoked";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
}

/// <summary>The HTTP names a link client uses.</summary>
public static class LinkHttp
{
    /// <summary>Carries base64url(LinkAuthToken) on every request under <c>/api/l/{linkId}</c>.</summary>
    public const string TokenHeader = "X-Coffer-Link-Token";

    /// <summary>The link-session cookie, scoped to <c>/api/l/{linkId}</c>.</summary>
    public const string SessionCookie = "coffer_link_session";

    public const string BrowserClient = "browser";
    public const string CliClient = "cli";
}
