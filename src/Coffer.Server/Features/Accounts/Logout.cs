using System.Security.Claims;
using Coffer.Server.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Accounts;

/// <summary>Ends the current session and clears the browser cookies.</summary>
public static class Logout
{
    public static async Task<NoContent> Handle(ClaimsPrincipal user, HttpContext context, CofferDbContext db, CancellationToken cancellationToken)
    {
        var sessionId = user.SessionId();
        await db.Set<Session>().Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        Sessions.ClearCookies(context.Response);
        return TypedResults.NoContent();
    }
}
