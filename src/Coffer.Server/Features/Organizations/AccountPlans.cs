using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Organizations;

/// <summary>An account's effective plan: its organization's plan when it belongs to one, else its own.</summary>
public sealed record EffectivePlan(Plan Plan, PlanLimits Limits, Guid? OrganizationId);

/// <summary>Looks up what an account's plan allows (used by files, uploads and links).</summary>
public sealed class AccountPlans(CofferDbContext db, IOptionsMonitor<PlansOptions> plans)
{
    public async Task<EffectivePlan> GetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var row = await (
            from account in db.Set<Accounts.Account>()
            where account.Id == accountId
            join member in db.Set<OrganizationMember>() on account.Id equals member.AccountId into memberships
            from member in memberships.DefaultIfEmpty()
            join organization in db.Set<Organization>() on member.OrganizationId equals organization.Id into organizations
            from organization in organizations.DefaultIfEmpty()
            select new { account.Plan, OrganizationPlan = (Plan?)organization.Plan, OrganizationId = (Guid?)organization.Id })
            .SingleOrDefaultAsync(cancellationToken);

        var plan = row?.OrganizationPlan ?? row?.Plan ?? plans.CurrentValue.Default;
        return new EffectivePlan(plan, plans.CurrentValue.For(plan), row?.OrganizationId);
    }
}
