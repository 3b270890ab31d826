using System.Security.Cryptography;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Accounts;

/// <summary>Creates sessions (random token, stored hashed) and writes or clears the browser cookies.</summary>
public sealed class Sessions(TimeProvider time, IOptions<AccountsOptions> options)
{
    /// <summary>Adds a session to <paramref name="db"/> (saved by the caller) and returns its token and expiry.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Create(CofferDbContext db, Guid accountId, string kind)
    {
        var token = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            AccountId = accountId,
            TokenHash = SessionAuthenticationHandler.HashToken(token),
            Kind = kind,
            CreatedAt = now,
            ExpiresAt = now + options.Value.SessionLifetime,
        };
        db.Set<Session>().Add(session);
        return (token, session.ExpiresAt);
    }

    /// <summary>Sets the HttpOnly session cookie and the script-readable anti-forgery cookie.</summary>
    public static void WriteCookies(HttpResponse response, string token, DateTimeOffset expiresAt)
    {
        var secure = response.HttpContext.Request.IsHttps;
        response.Cookies.Append(SessionAuthenticationHandler.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = expiresAt,
        });
        response.Cookies.Append(AntiforgeryMiddleware.CookieName, Base64Url.Encode(RandomNumberGenerator.GetBytes(32)), new CookieOptions
        {
            HttpOnly = false,
            Secure = secure,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = expiresAt,
        });
    }

    public static void ClearCookies(HttpResponse response)
    {
        response.Cookies.Delete(SessionAuthenticationHandler.CookieName, new CookieOptions { Path = "/" });
        response.Cookies.Delete(AntiforgeryMiddleware.CookieName, new CookieOptions { Path = "/" });
    }
}
