using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Accounts;

/// <summary>Login by auth key: refused until the email is confirmed; a bearer token or browser cookies.</summary>
public static class Login
{
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Handle(
        LoginRequest request,
        HttpContext context,
        CofferDbContext db,
        AuthKeyHasher hasher,
        Sessions sessions,
        Me.Reader accounts,
        EmailRateLimiter emailLimiter,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(request.Email);
        var mode = request.Mode ?? Session.BearerKind;
        var invalid = mode is Session.BearerKind or Session.CookieKind ? null : "mode must be \"bearer\" or \"cookie\".";
        var authKeyError = AccountInput.CheckAuthKey(request.AuthKey, "authKey", out var authKey);
        invalid ??= authKeyError;
        if (invalid is not null)
        {
            return Problems.Invalid(invalid);
        }

        if (!emailLimiter.TryAcquire("login", email))
        {
            return Problems.Of(ErrorCodes.RateLimited, "Too many attempts for this email; wait a minute and try again.");
        }

        var account = await db.Set<Account>().AsNoTracking().SingleOrDefaultAsync(a => a.Email == email, cancellationToken);
        if (account is null)
        {
            hasher.WasteTime(authKey);
            return WrongCredentials();
        }

        if (!AuthKeyHasher.Verify(authKey, account))
        {
            return WrongCredentials();
        }

        if (account.ConfirmedAt is null)
        {
            return Problems.Of(ErrorCodes.EmailNotConfirmed, "Confirm the email address with the code mailed to it first.");
        }

        // Expired sessions are useless; a login is a natural moment to drop this account's.
        var now = time.GetUtcNow();
        await db.Set<Session>().Where(s => s.AccountId == account.Id && s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var (token, expiresAt) = sessions.Create(db, account.Id, mode);
        await db.SaveChangesAsync(cancellationToken);
        if (mode == Session.CookieKind)
        {
            Sessions.WriteCookies(context.Response, token, expiresAt);
        }

        var dto = await accounts.ReadAsync(account.Id, cancellationToken);
        return TypedResults.Ok(new LoginResponse(mode == Session.BearerKind ? token : null, expiresAt, dto!));
    }

    private static ProblemHttpResult WrongCredentials() =>
        Problems.Of(ErrorCodes.InvalidCredentials, "The email or the password is wrong.");
}
