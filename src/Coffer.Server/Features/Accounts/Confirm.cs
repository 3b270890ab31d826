using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Accounts;

/// <summary>Email confirmation: one answer (<c>invalid-code</c>) for every failure, so nothing is learnt from it.</summary>
public static class Confirm
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        ConfirmRequest request,
        CofferDbContext db,
        ConfirmationCodes codes,
        EmailRateLimiter emailLimiter,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(request.Email);
        if (!emailLimiter.TryAcquire("confirm", email))
        {
            return Problems.Of(ErrorCodes.RateLimited, "Too many attempts for this email; wait a minute and try again.");
        }

        var pending = await (
            from account in db.Set<Account>()
            join confirmation in db.Set<EmailConfirmation>() on account.Id equals confirmation.AccountId
            where account.Email == email && account.ConfirmedAt == null
            select new { account, confirmation })
            .SingleOrDefaultAsync(cancellationToken);
        var code = (request.Code ?? "").Trim();
        if (pending is null)
        {
            return InvalidCode();
        }

        if (!codes.Check(pending.confirmation, code))
        {
            await db.SaveChangesAsync(cancellationToken);
            return InvalidCode();
        }

        pending.account.ConfirmedAt = time.GetUtcNow();
        db.Remove(pending.confirmation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> Resend(
        ResendCodeRequest request,
        CofferDbContext db,
        ConfirmationCodes codes,
        EmailRateLimiter emailLimiter,
        CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(request.Email);
        if (!emailLimiter.TryAcquire("resend", email))
        {
            return Problems.Of(ErrorCodes.RateLimited, "Too many attempts for this email; wait a minute and try again.");
        }

        var account = await db.Set<Account>().SingleOrDefaultAsync(a => a.Email == email && a.ConfirmedAt == null, cancellationToken);
        if (account is not null)
        {
            await codes.IssueAsync(db, account, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }

    private static ProblemHttpResult InvalidCode() =>
        Problems.Of(ErrorCodes.InvalidCode, "The code is wrong, expired or used up; ask for a new one.");
}
