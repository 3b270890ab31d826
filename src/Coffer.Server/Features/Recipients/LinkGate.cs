using System.Security.Cryptography;
using Coffer.Contracts.Links;
using Coffer.Server.Features.Files;
using Coffer.Server.Features.Links;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Recipients;

/// <summary>A link opened by a recipient with the right token, its file, and the recipient's session (when one was required).</summary>
public sealed record LinkAccess(Link Link, StoredFile File, bool DownloadsDisabledByPolicy, LinkSession? Session)
{
    public string? Email => Session?.Email;

    public bool CanDownload => !Link.DisableDownload && !DownloadsDisabledByPolicy;

    /// <summary>The owner key a recipient's tus uploads are filed under: the link and the verified email.</summary>
    public string UploadOwnerKey => $"link:{Link.Id}:{Session?.Email ?? Session?.Id.ToString("D")}";
}

/// <summary>
/// The door of every recipient route. Without the right link token, an unknown, revoked or trashed-file link all answer the
/// same <c>404 link-not-found</c>; only a right token learns that the link was revoked, expired or is suspended.
/// </summary>
public sealed class LinkGate(CofferDbContext db, TimeProvider time)
{
    private static readonly byte[] DecoyHash = SHA256.HashData("coffer/no-such-link"u8);

    /// <summary>Checks the token header and the link's state; no session needed.</summary>
    public async Task<(LinkAccess? Access, ProblemHttpResult? Problem)> OpenAsync(string linkId, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var presented = http.Request.Headers[LinkHttp.TokenHeader].ToString();
        var tokenHash = Base64Url.TryDecode(presented, 32, 32, out var token) ? SHA256.HashData(token) : null;
        var row = tokenHash is null || linkId.Length != Link.IdLength
            ? null
            : await (
                from candidate in db.Set<Link>()
                join file in db.Set<StoredFile>() on candidate.FileId equals file.Id
                where candidate.Id == linkId
                select new
                {
                    link = candidate,
                    file,
                    disabled = (
                        from member in db.Set<OrganizationMember>()
                        join policy in db.Set<OrganizationPolicy>() on member.OrganizationId equals policy.OrganizationId
                        where member.AccountId == candidate.CreatorId && policy.DisableDownloads
                        select policy).Any(),
                })
                .SingleOrDefaultAsync(cancellationToken);

        // Compare even when there is nothing to compare with, so timing says as little as the answer.
        var matches = CryptographicOperations.FixedTimeEquals(tokenHash ?? DecoyHash, row?.link.AuthTokenHash ?? DecoyHash) && row is not null && tokenHash is not null;
        if (!matches || row!.file.TrashedAt is not null)
        {
            return (null, NotFound());
        }

        // The token proves the caller holds the link's secret, so saying "revoked" tells them nothing they could not guess.
        if (row.link.RevokedAt is not null)
        {
            return (null, Problems.Of(ErrorCodes.LinkRevoked, "The owner revoked this link. Ask them for a new one."));
        }

        var link = row.link;
        if (link.IsExpired(time.GetUtcNow()))
        {
            return (null, Problems.Of(ErrorCodes.LinkExpired, "This link has expired; ask its owner for a new one."));
        }

        var disabled = row.disabled;
        if (link.Cooperative && disabled)
        {
            return (null, Problems.Of(ErrorCodes.LinkSuspended,
                "This cooperative link is suspended because the owner's organization has disabled downloads; it works again when the policy is lifted."));
        }

        return (new LinkAccess(link, row.file, disabled, null), null);
    }

    /// <summary>Checks the token and the link, then the recipient's session for this very link.</summary>
    public async Task<(LinkAccess? Access, ProblemHttpResult? Problem)> EnterAsync(string linkId, HttpContext http, CancellationToken cancellationToken)
    {
        var (access, problem) = await OpenAsync(linkId, http, cancellationToken);
        if (access is null)
        {
            return (null, problem);
        }

        var token = RecipientSessions.ReadToken(http);
        var now = time.GetUtcNow();
        var sessionHash = token is null ? null : RecipientSessions.Hash(token);
        var linkKey = access.Link.Id;
        var session = sessionHash is null
            ? null
            : await db.Set<LinkSession>().AsNoTracking()
                .SingleOrDefaultAsync(s => s.TokenHash == sessionHash && s.LinkId == linkKey && s.ExpiresAt > now, cancellationToken);
        return session is null
            ? (null, Problems.Of(ErrorCodes.LinkSessionRequired, "Open the link first: verify your email (or start a session) for this link."))
            : (access with { Session = session }, null);
    }

    public static ProblemHttpResult NotFound() =>
        Problems.Of(ErrorCodes.LinkNotFound, "There is no link here, or the link is incomplete; check that you copied the whole address.");
}
