using Coffer.Contracts.Accounts;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Accounts;

/// <summary>Registration: always 202, whether the email is new, unconfirmed (keys replaced, new code) or taken (a notice is mailed).</summary>
public static class Register
{
    public static async Task<Results<Accepted, ProblemHttpResult>> Handle(
        RegisterRequest request,
        CofferDbContext db,
        AuthKeyHasher hasher,
        ConfirmationCodes codes,
        IMailer mailer,
        EmailRateLimiter emailLimiter,
        TimeProvider time,
        IOptions<AccountsOptions> options,
        IOptions<PlansOptions> plans,
        CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(request.Email);
        var invalid = !EmailAddress.IsValid(email) ? "email must be an email address." : null;
        var kdfError = AccountInput.CheckKdf(request.Kdf, options.Value.MinimumKdfIterations, out var kdfSalt);
        var authKeyError = AccountInput.CheckAuthKey(request.AuthKey, "authKey", out var authKey);
        var wrappedKeyError = AccountInput.CheckWrappedKey(request.WrappedAccountKey, "wrappedAccountKey", out var wrappedAccountKey);
        invalid ??= kdfError ?? authKeyError ?? wrappedKeyError;
        if (invalid is not null)
        {
            return Problems.Invalid(invalid);
        }

        if (!emailLimiter.TryAcquire("register", email))
        {
            return Problems.Of(ErrorCodes.RateLimited, "Too many attempts for this email; wait a minute and try again.");
        }

        // Hash before looking anything up, so every branch costs the same.
        var (hash, salt, iterations) = hasher.Hash(authKey);
        var account = await db.Set<Account>().SingleOrDefaultAsync(a => a.Email == email, cancellationToken);
        if (account?.ConfirmedAt is not null)
        {
            await mailer.SendAsync(MailTemplates.AlreadyRegistered(email), cancellationToken);
            return TypedResults.Accepted((string?)null);
        }

        if (account is null)
        {
            account = new Account
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                Email = email,
                KdfAlgorithm = AccountInput.Pbkdf2,
                KdfSalt = [],
                AuthKeyHash = [],
                AuthKeySalt = [],
                WrappedAccountKey = [],
                Plan = plans.Value.Default,
                CreatedAt = time.GetUtcNow(),
            };
            db.Set<Account>().Add(account);
        }

        // An unconfirmed account has proven nothing yet: a new registration replaces its keys.
        account.KdfIterations = request.Kdf!.Iterations;
        account.KdfSalt = kdfSalt;
        account.AuthKeyHash = hash;
        account.AuthKeySalt = salt;
        account.AuthKeyIterations = iterations;
        account.WrappedAccountKey = wrappedAccountKey;
        await codes.IssueAsync(db, account, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent registration of the same email won; answer as for any other case.
            return TypedResults.Accepted((string?)null);
        }

        return TypedResults.Accepted((string?)null);
    }
}
