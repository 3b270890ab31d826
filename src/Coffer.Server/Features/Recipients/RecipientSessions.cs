using System.Security.Cryptography;
using System.Text;
using Coffer.Contracts.Links;
using Coffer.Server.Features.Links;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Recipients;

/// <summary>Link sessions: random tokens stored hashed, a cookie scoped to the link's path or a bearer token.</summary>
public sealed class RecipientSessions(TimeProvider time, IOptions<RecipientsOptions> options)
{
    /// <summary>Adds a session to <paramref name="db"/> (saved by the caller); it never outlives the link's expiry.</summary>
    public (string Token, LinkSession Session) Create(CofferDbContext db, Link link, string? email)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(link);
        var token = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.SessionLifetime;
        if (link.ExpiresAt is { } linkExpiry && linkExpiry < expiresAt)
        {
            expiresAt = linkExpiry;
        }

        var session = new LinkSession
        {
            Id = Guid.CreateVersion7(now),
            LinkId = link.Id,
            TokenHash = Hash(token),
            Email = email,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.Set<LinkSession>().Add(session);
        return (token, session);
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The session token: a bearer token (CLI) or the link-scoped cookie (browser).</summary>
    public static string? ReadToken(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return http.Request.Cookies[LinkHttp.SessionCookie];
    }

    public static string CookiePath(string linkId) => $"/api/l/{linkId}";

    public static void WriteCookie(HttpResponse response, string linkId, string token, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(LinkHttp.SessionCookie, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath(linkId),
            Expires = expiresAt,
        });
    }

    public static void ClearCookie(HttpResponse response, string linkId)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(LinkHttp.SessionCookie, new CookieOptions { Path = CookiePath(linkId) });
    }
}
