using System.Security.Claims;
using Coffer.Contracts.Organizations;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Events;
using Coffer.Server.Features.Links;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Admin;

/// <summary>Organization administration under <c>/api/admin/organization</c>, for admins of that organization only.</summary>
public static class AdminApi
{
    public const int MaxExpiryDays = 3650;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/organization").WithTags("Admin").RequireAuthorization();
        group.MapGet("", GetOrganization).WithName("GetOrganization").WithSummary("The admin's organization and its members.");
        group.MapPost("/members", AddMember).WithName("AddOrganizationMember").WithSummary("Adds an existing account (not yet in an organization) as admin or member.");
        group.MapGet("/policy", GetPolicy).WithName("GetOrganizationPolicy").WithSummary("The organization's link policy.");
        group.MapPut("/policy", PutPolicy).WithName("PutOrganizationPolicy").WithSummary("Replaces the organization's link policy.");
        return app;
    }

    /// <summary>The organization the caller administers, or null when the caller is not an admin.</summary>
    public static Task<Guid?> AdministeredOrganizationAsync(CofferDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var accountId = user.AccountId();
        return db.Set<OrganizationMember>()
            .Where(m => m.AccountId == accountId && m.Role == OrganizationMember.AdminRole)
            .Select(m => (Guid?)m.OrganizationId)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static ProblemHttpResult NotAdmin() => Problems.Of(ErrorCodes.NotAnAdmin, "Only an admin of an organization can use the admin endpoints.");

    private static async Task<Results<Ok<OrganizationDto>, ProblemHttpResult>> GetOrganization(ClaimsPrincipal user, CofferDbContext db, CancellationToken cancellationToken)
    {
        if (await AdministeredOrganizationAsync(db, user, cancellationToken) is not { } organizationId)
        {
            return NotAdmin();
        }

        var organization = await db.Set<Organization>().AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
        var members = await (
            from member in db.Set<OrganizationMember>()
            join account in db.Set<Account>() on member.AccountId equals account.Id
            where member.OrganizationId == organizationId
            orderby account.Email
            select new OrganizationMemberDto(account.Id, account.Email, member.Role))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrganizationDto(organization.Id, organization.Name, organization.Plan.ToString(), members));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AddMember(
        AddMemberRequest request, ClaimsPrincipal user, CofferDbContext db, AccessEvents events, CancellationToken cancellationToken)
    {
        if (await AdministeredOrganizationAsync(db, user, cancellationToken) is not { } organizationId)
        {
            return NotAdmin();
        }

        if (request.Role is not (OrganizationMember.AdminRole or OrganizationMember.MemberRole))
        {
            return Problems.Invalid("role must be \"admin\" or \"member\".");
        }

        var email = EmailAddress.Normalise(request.Email);
        if (!EmailAddress.IsValid(email))
        {
            return Problems.Invalid("That is not an email address.");
        }

        // Only admins get here, and adding someone tells them whether the account exists anyway,
        // so the sentence can name the email and say what to do (unlike pre-login, which hides it).
        var account = await db.Set<Account>().SingleOrDefaultAsync(a => a.Email == email && a.ConfirmedAt != null, cancellationToken);
        if (account is null)
        {
            return Problems.Of(ErrorCodes.NotFound, $"No confirmed Coffer account uses {email}. Ask them to sign up and confirm their email first, then add them.");
        }

        var current = await db.Set<OrganizationMember>().AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == account.Id, cancellationToken);
        if (current is not null)
        {
            return Problems.Of(
                ErrorCodes.Conflict,
                current.OrganizationId == organizationId
                    ? $"{email} is already a member of this organization."
                    : $"{email} already belongs to another organization; an account can be in only one.");
        }

        db.Set<OrganizationMember>().Add(new OrganizationMember { AccountId = account.Id, OrganizationId = organizationId, Role = request.Role });
        await db.SaveChangesAsync(cancellationToken);
        await LinkSuspensions.MemberJoinedAsync(db, events, organizationId, account.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<OrganizationPolicyDto>, ProblemHttpResult>> GetPolicy(ClaimsPrincipal user, CofferDbContext db, CancellationToken cancellationToken)
    {
        if (await AdministeredOrganizationAsync(db, user, cancellationToken) is not { } organizationId)
        {
            return NotAdmin();
        }

        var policy = await db.Set<OrganizationPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId, cancellationToken)
            ?? new OrganizationPolicy { OrganizationId = organizationId };
        return TypedResults.Ok(ToDto(policy));
    }

    private static async Task<Results<Ok<OrganizationPolicyDto>, ProblemHttpResult>> PutPolicy(
        OrganizationPolicyDto request, ClaimsPrincipal user, CofferDbContext db, AccessLogWriter log, AccessEvents events, CancellationToken cancellationToken)
    {
        if (await AdministeredOrganizationAsync(db, user, cancellationToken) is not { } organizationId)
        {
            return NotAdmin();
        }

        if (request.DefaultLinkExpiryDays is < 1 or > MaxExpiryDays || request.MaxLinkExpiryDays is < 1 or > MaxExpiryDays)
        {
            return Problems.Invalid($"Link expiries are whole days between 1 and {MaxExpiryDays}, or null for none.");
        }

        if (request.DefaultLinkExpiryDays is { } defaultDays && request.MaxLinkExpiryDays is { } maxDays && defaultDays > maxDays)
        {
            return Problems.Invalid("defaultLinkExpiryDays cannot exceed maxLinkExpiryDays.");
        }

        var policy = await db.Set<OrganizationPolicy>().SingleOrDefaultAsync(p => p.OrganizationId == organizationId, cancellationToken);
        if (policy is null)
        {
            policy = new OrganizationPolicy { OrganizationId = organizationId };
            db.Set<OrganizationPolicy>().Add(policy);
        }

        var downloadsDisabledBefore = policy.DisableDownloads;
        policy.AllowCooperativeLinks = request.AllowCooperativeLinks;
        policy.DisableDownloads = request.DisableDownloads;
        policy.DefaultLinkExpiryDays = request.DefaultLinkExpiryDays;
        policy.MaxLinkExpiryDays = request.MaxLinkExpiryDays;
        await db.SaveChangesAsync(cancellationToken);
        await LinkSuspensions.PolicyChangedAsync(db, log, events, organizationId, downloadsDisabledBefore, policy.DisableDownloads, user.Email(), cancellationToken);
        return TypedResults.Ok(ToDto(policy));
    }

    private static OrganizationPolicyDto ToDto(OrganizationPolicy policy) =>
        new(policy.AllowCooperativeLinks, policy.DisableDownloads, policy.DefaultLinkExpiryDays, policy.MaxLinkExpiryDays);
}
