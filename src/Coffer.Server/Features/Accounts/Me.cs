using System.Security.Claims;
using Coffer.Contracts.Accounts;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Accounts;

/// <summary>The logged-in account with its plan and organization.</summary>
public static class Me
{
    public static async Task<Results<Ok<AccountDto>, ProblemHttpResult>> Handle(ClaimsPrincipal user, Reader reader, CancellationToken cancellationToken)
    {
        var dto = await reader.ReadAsync(user.AccountId(), cancellationToken);
        return dto is null ? Problems.NotFound("account") : TypedResults.Ok(dto);
    }

    /// <summary>Builds an <see cref="AccountDto"/> from the database.</summary>
    public sealed class Reader(CofferDbContext db, AccountPlans plans)
    {
        public async Task<AccountDto?> ReadAsync(Guid accountId, CancellationToken cancellationToken)
        {
            var account = await db.Set<Account>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
            if (account is null)
            {
                return null;
            }

            var membership = await (
                from member in db.Set<OrganizationMember>()
                join organization in db.Set<Organization>() on member.OrganizationId equals organization.Id
                where member.AccountId == accountId
                select new OrganizationMembershipDto(organization.Id, organization.Name, member.Role))
                .SingleOrDefaultAsync(cancellationToken);
            var plan = await plans.GetAsync(accountId, cancellationToken);
            return new AccountDto(
                account.Id,
                account.Email,
                plan.Plan.ToString(),
                new PlanLimitsDto(plan.Limits.VersionLimit, plan.Limits.CooperativeLinks, plan.Limits.MaxFileSizeBytes),
                AccountInput.ToDto(account),
                Base64Url.Encode(account.WrappedAccountKey),
                membership);
        }
    }
}
