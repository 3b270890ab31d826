using Coffer.Server.Features.Accounts;
using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Organizations;

/// <summary>Creating organizations and promoting admins: used by the <c>admin</c> command and the admin API.</summary>
public static class OrganizationAdmin
{
    /// <summary>Creates an organization (with a default policy) and makes an existing account its admin; returns an error sentence or null.</summary>
    public static async Task<string?> CreateAsync(CofferDbContext db, TimeProvider time, string name, string adminEmail, Plan plan, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(adminEmail);
        var account = await db.Set<Account>().SingleOrDefaultAsync(a => a.Email == email, cancellationToken);
        if (account is null)
        {
            return $"No account with the email {email}; register it first.";
        }

        if (await db.Set<OrganizationMember>().AnyAsync(m => m.AccountId == account.Id, cancellationToken))
        {
            return $"{email} already belongs to an organization.";
        }

        if (await db.Set<Organization>().AnyAsync(o => o.Name == name, cancellationToken))
        {
            return $"An organization named {name} already exists.";
        }

        var organization = new Organization { Id = Guid.CreateVersion7(time.GetUtcNow()), Name = name, Plan = plan, CreatedAt = time.GetUtcNow() };
        db.Set<Organization>().Add(organization);
        db.Set<OrganizationPolicy>().Add(new OrganizationPolicy { OrganizationId = organization.Id });
        db.Set<OrganizationMember>().Add(new OrganizationMember { AccountId = account.Id, OrganizationId = organization.Id, Role = OrganizationMember.AdminRole });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
