using System.Security.Claims;
using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Accounts;

/// <summary>Password change: proves the current auth key, stores the new KDF record, auth key hash and re-wrapped AK, and ends every other session.</summary>
public static class ChangePassword
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        ChangePasswordRequest request,
        ClaimsPrincipal user,
        CofferDbContext db,
        AuthKeyHasher hasher,
        IOptions<AccountsOptions> options,
        CancellationToken cancellationToken)
    {
        var invalid = AccountInput.CheckAuthKey(request.CurrentAuthKey, "currentAuthKey", out var currentAuthKey);
        var kdfError = AccountInput.CheckKdf(request.Kdf, options.Value.MinimumKdfIterations, out var kdfSalt);
        var authKeyError = AccountInput.CheckAuthKey(request.AuthKey, "authKey", out var authKey);
        var wrappedKeyError = AccountInput.CheckWrappedKey(request.WrappedAccountKey, "wrappedAccountKey", out var wrappedAccountKey);
        invalid ??= kdfError ?? authKeyError ?? wrappedKeyError;
        if (invalid is not null)
        {
            return Problems.Invalid(invalid);
        }

        var accountId = user.AccountId();
        var account = await db.Set<Account>().SingleAsync(a => a.Id == accountId, cancellationToken);
        if (!AuthKeyHasher.Verify(currentAuthKey, account))
        {
            return Problems.Of(ErrorCodes.InvalidCredentials, "The current password is wrong.");
        }

        var (hash, salt, iterations) = hasher.Hash(authKey);
        account.KdfIterations = request.Kdf!.Iterations;
        account.KdfSalt = kdfSalt;
        account.AuthKeyHash = hash;
        account.AuthKeySalt = salt;
        account.AuthKeyIterations = iterations;
        account.WrappedAccountKey = wrappedAccountKey;

        var currentSession = user.SessionId();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<Session>().Where(s => s.AccountId == accountId && s.Id != currentSession).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
