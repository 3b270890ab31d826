using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Accounts;

/// <summary>Pre-login: the stored KDF record, or a stable fake one so the answer never reveals whether an account exists.</summary>
public static class Prelogin
{
    public static async Task<Results<Ok<PreloginResponse>, ProblemHttpResult>> Handle(
        PreloginRequest request,
        CofferDbContext db,
        ServerSecret secret,
        IOptions<AccountsOptions> options,
        CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(request.Email);
        if (!EmailAddress.IsValid(email))
        {
            return Problems.Invalid("email must be an email address.");
        }

        var account = await db.Set<Account>().AsNoTracking()
            .Where(a => a.Email == email)
            .Select(a => new { a.KdfAlgorithm, a.KdfIterations, a.KdfSalt })
            .SingleOrDefaultAsync(cancellationToken);
        var kdf = account is null
            ? FakeKdf(email, secret, options.Value.DefaultKdfIterations)
            : new KdfParameters(account.KdfAlgorithm, account.KdfIterations, Base64Url.Encode(account.KdfSalt));
        return TypedResults.Ok(new PreloginResponse(kdf));
    }

    /// <summary>salt = HMAC-SHA256(server secret, email) truncated to 16 bytes: the same every time, unguessable without the secret.</summary>
    public static KdfParameters FakeKdf(string normalisedEmail, ServerSecret secret, int iterations) =>
        new(AccountInput.Pbkdf2, iterations, Base64Url.Encode(secret.Mac("coffer/prelogin-salt", normalisedEmail).AsSpan(0, AccountInput.KdfSaltLength)));
}
