using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Links;

/// <summary>What an account's plan and organization policy say about its links.</summary>
public sealed record LinkRules(EffectivePlan Plan, OrganizationPolicy? Policy)
{
    public bool DownloadsDisabledByPolicy => Policy?.DisableDownloads == true;
}

/// <summary>Reads plan and organization policy for link decisions.</summary>
public sealed class LinkPolicies(CofferDbContext db, AccountPlans plans)
{
    public async Task<LinkRules> ForAccountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(accountId, cancellationToken);
        var policy = plan.OrganizationId is { } organizationId
            ? await db.Set<OrganizationPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId, cancellationToken)
            : null;
        return new LinkRules(plan, policy);
    }

    /// <summary>Whether the policy of <paramref name="creatorId"/>'s organization disables downloads (suspending cooperative links).</summary>
    public static Task<bool> DownloadsDisabledAsync(CofferDbContext db, Guid creatorId, CancellationToken cancellationToken) =>
        (from member in db.Set<OrganizationMember>()
         join policy in db.Set<OrganizationPolicy>() on member.OrganizationId equals policy.OrganizationId
         where member.AccountId == creatorId
         select policy.DisableDownloads).AnyAsync(disabled => disabled, cancellationToken);
}
