using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Organizations;

/// <summary>An account's effective plan: its organization's plan when it belongs to one, else its own.</summary>
public sealed record EffectivePlan(Plan Plan, PlanLimits Limits, Guid? OrganizationId);

/// <summary>Looks up what an account's plan allows (used by files, uploads and links).</summary>
/// <remarks>
/// Scoped: a request that has already read an account's plan columns in a query of its own (the recipient gate joins them
/// to the link) hands them to <see cref="Remember"/>, and later look-ups in the same request answer without a query.
/// </remarks>
public sealed class AccountPlans(CofferDbContext db, IOptionsMonitor<PlansOptions> plans)
{
    private (Guid AccountId, EffectivePlan Plan)? _remembered;

    public async Task<EffectivePlan> GetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (_remembered is { } remembered && remembered.AccountId == accountId)
        {
            return remembered.Plan;
        }

        var row = await (
            from account in db.Set<Accounts.Account>()
            where account.Id == accountId
            join member in db.Set<OrganizationMember>() on account.Id equals member.AccountId into memberships
            from member in memberships.DefaultIfEmpty()
            join organization in db.Set<Organization>() on member.OrganizationId equals organization.Id into organizations
            from organization in organizations.DefaultIfEmpty()
            select new { account.Plan, OrganizationPlan = (Plan?)organization.Plan, OrganizationId = (Guid?)organization.Id })
            .SingleOrDefaultAsync(cancellationToken);

        return Resolve(row?.Plan, row?.OrganizationPlan, row?.OrganizationId);
    }

    /// <summary>
    /// The effective plan from an account's own plan and its organization's (both as read in this request), kept for the
    /// rest of the request's look-ups of <paramref name="accountId"/>.
    /// </summary>
    public EffectivePlan Remember(Guid accountId, Plan? accountPlan, Plan? organizationPlan, Guid? organizationId)
    {
        var plan = Resolve(accountPlan, organizationPlan, organizationId);
        _remembered = (accountId, plan);
        return plan;
    }

    private EffectivePlan Resolve(Plan? accountPlan, Plan? organizationPlan, Guid? organizationId)
    {
        var plan = organizationPlan ?? accountPlan ?? plans.CurrentValue.Default;
        return new EffectivePlan(plan, plans.CurrentValue.For(plan), organizationId);
    }
}
