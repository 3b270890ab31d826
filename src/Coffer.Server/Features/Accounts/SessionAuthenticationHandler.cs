using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Accounts;

/// <summary>Authenticates owner requests by a bearer token or the <c>coffer_session</c> cookie, against hashed sessions in the database.</summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CofferDbContext db,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";
    public const string CookieName = "coffer_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Link recipient routes authenticate by link token and link session only; their bearer token is never an owner session.
        if (Request.Path.StartsWithSegments("/api/l", StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var (token, method) = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = HashToken(token);
        var now = time.GetUtcNow();
        var found = await (
            from session in db.Set<Session>()
            join account in db.Set<Account>() on session.AccountId equals account.Id
            where session.TokenHash == hash && session.ExpiresAt > now
            select new { session.Id, session.AccountId, account.Email })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("No such session, or it expired.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.AccountId.ToString("D")),
                new Claim(CurrentAccount.SessionIdClaim, found.Id.ToString("D")),
                new Claim(CurrentAccount.EmailClaim, found.Email),
                new Claim(AntiforgeryMiddleware.MethodClaim, method),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, ErrorCodes.Unauthenticated, "Log in first; the session is missing, unknown or expired.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, ErrorCodes.Forbidden, "This account may not do this.");

    public static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private (string? Token, string Method) ReadToken()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (authorization["Bearer ".Length..].Trim(), Session.BearerKind);
        }

        return (Request.Cookies[CookieName], AntiforgeryMiddleware.CookieMethod);
    }
}
