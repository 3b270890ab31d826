using System.Security.Cryptography;
using Coffer.Contracts.Links;
using Coffer.Server.Features.Accounts;
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
/// <remarks>
/// One query reads everything the door and the route behind it need: link, file, the creator's organization policy, the
/// presented session (when there is one) and the file owner's plan, which is handed to <see cref="AccountPlans"/> so the
/// version window asks no second time. The query has the same shape whatever token is presented.
/// </remarks>
public sealed class LinkGate(CofferDbContext db, AccountPlans plans, TimeProvider time)
{
    private static readonly byte[] DecoyHash = SHA256.HashData("coffer/no-such-link"u8);

    private static readonly Func<CofferDbContext, string, byte[]?, DateTimeOffset, CancellationToken, Task<GateRow?>> FindAsync =
        EF.CompileAsyncQuery((CofferDbContext db, string linkId, byte[]? sessionHash, DateTimeOffset now, CancellationToken cancellationToken) => (
            from candidate in db.Set<Link>().AsNoTracking()
            join file in db.Set<StoredFile>() on candidate.FileId equals file.Id
            where candidate.Id == linkId
            from session in db.Set<LinkSession>().Where(s => s.LinkId == candidate.Id && s.TokenHash == sessionHash && s.ExpiresAt > now).DefaultIfEmpty()
            from owner in db.Set<Account>().Where(a => a.Id == file.OwnerId).DefaultIfEmpty()
            from member in db.Set<OrganizationMember>().Where(m => m.AccountId == file.OwnerId).DefaultIfEmpty()
            from organization in db.Set<Organization>().Where(o => o.Id == member.OrganizationId).DefaultIfEmpty()
            select new GateRow(
                candidate,
                file,
                session,
                (from creatorMember in db.Set<OrganizationMember>()
                 join policy in db.Set<OrganizationPolicy>() on creatorMember.OrganizationId equals policy.OrganizationId
                 where creatorMember.AccountId == candidate.CreatorId && policy.DisableDownloads
                 select policy).Any(),
                (Plan?)owner.Plan,
                (Plan?)organization.Plan,
                (Guid?)organization.Id))
            .SingleOrDefault());

    /// <summary>Checks the token header and the link's state; no session needed.</summary>
    public async Task<(LinkAccess? Access, ProblemHttpResult? Problem)> OpenAsync(string linkId, HttpContext http, CancellationToken cancellationToken)
    {
        var (row, problem) = await PassAsync(linkId, http, sessionHash: null, cancellationToken);
        return row is null ? (null, problem) : (new LinkAccess(row.Link, row.File, row.DownloadsDisabled, null), null);
    }

    /// <summary>Checks the token and the link, then the recipient's session for this very link.</summary>
    public async Task<(LinkAccess? Access, ProblemHttpResult? Problem)> EnterAsync(string linkId, HttpContext http, CancellationToken cancellationToken)
    {
        var token = RecipientSessions.ReadToken(http);
        var (row, problem) = await PassAsync(linkId, http, token is null ? null : RecipientSessions.Hash(token), cancellationToken);
        if (row is null)
        {
            return (null, problem);
        }

        return row.Session is null
            ? (null, Problems.Of(ErrorCodes.LinkSessionRequired, "Open the link first: verify your email (or start a session) for this link."))
            : (new LinkAccess(row.Link, row.File, row.DownloadsDisabled, row.Session), null);
    }

    private async Task<(GateRow? Row, ProblemHttpResult? Problem)> PassAsync(string linkId, HttpContext http, byte[]? sessionHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var presented = http.Request.Headers[LinkHttp.TokenHeader].ToString();
        var tokenHash = Base64Url.TryDecode(presented, 32, 32, out var token) ? SHA256.HashData(token) : null;
        var now = time.GetUtcNow();
        var row = tokenHash is null || linkId.Length != Link.IdLength
            ? null
            : await FindAsync(db, linkId, sessionHash, now, cancellationToken);

        // Compare even when there is nothing to compare with, so timing says as little as the answer.
        var matches = CryptographicOperations.FixedTimeEquals(tokenHash ?? DecoyHash, row?.Link.AuthTokenHash ?? DecoyHash) && row is not null && tokenHash is not null;
        if (!matches || row!.File.TrashedAt is not null)
        {
            return (null, NotFound());
        }

        // The token proves the caller holds the link's secret, so saying "revoked" tells them nothing they could not guess.
        var link = row.Link;
        if (link.RevokedAt is not null)
        {
            return (null, Problems.Of(ErrorCodes.LinkRevoked, "The owner revoked this link. Ask them for a new one."));
        }

        if (link.IsExpired(now))
        {
            return (null, Problems.Of(ErrorCodes.LinkExpired, "This link has expired; ask its owner for a new one."));
        }

        if (link.Cooperative && row.DownloadsDisabled)
        {
            return (null, Problems.Of(ErrorCodes.LinkSuspended,
                "This cooperative link is suspended because the owner's organization has disabled downloads; it works again when the policy is lifted."));
        }

        plans.Remember(row.File.OwnerId, row.OwnerPlan, row.OrganizationPlan, row.OrganizationId);
        return (row, null);
    }

    public static ProblemHttpResult NotFound() =>
        Problems.Of(ErrorCodes.LinkNotFound, "There is no link here, or the link is incomplete; check that you copied the whole address.");

    /// <summary>What the gate's one query reads.</summary>
    private sealed record GateRow(
        Link Link, StoredFile File, LinkSession? Session, bool DownloadsDisabled, Plan? OwnerPlan, Plan? OrganizationPlan, Guid? OrganizationId);
}
