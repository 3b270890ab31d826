using System.Security.Cryptography;
using System.Text;

namespace Coffer.Server.Infrastructure.Http;

/// <summary>Double-submit anti-forgery: a cookie-authenticated write must echo the <c>coffer_csrf</c> cookie in <c>X-Coffer-Csrf</c>.</summary>
internal sealed class AntiforgeryMiddleware(RequestDelegate next)
{
    public const string CookieName = "coffer_csrf";
    public const string HeaderName = "X-Coffer-Csrf";

    /// <summary>The authentication-method claim value that marks a cookie session; set by the authentication handler.</summary>
    public const string CookieMethod = "cookie";
    public const string MethodClaim = "amr";

    public async Task InvokeAsync(HttpContext context)
    {
        if (RequiresCheck(context) && !Matches(context))
        {
            await Problems.WriteAsync(context, ErrorCodes.AntiforgeryFailed,
                $"Cookie-authenticated writes must send the {HeaderName} header with the value of the {CookieName} cookie.");
            return;
        }

        await next(context);
    }

    // Link recipient routes never act on the owner's cookie session; their required X-Coffer-Link-Token header already
    // cannot be sent cross-site, so an owner logged in in the same browser must not break a recipient page.
    private static bool RequiresCheck(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api/l", StringComparison.Ordinal)
        && !HttpMethods.IsGet(context.Request.Method)
        && !HttpMethods.IsHead(context.Request.Method)
        && !HttpMethods.IsOptions(context.Request.Method)
        && context.User.FindFirst(MethodClaim)?.Value == CookieMethod;

    private static bool Matches(HttpContext context)
    {
        var cookie = context.Request.Cookies[CookieName];
        var header = context.Request.Headers[HeaderName].ToString();
        return !string.IsNullOrEmpty(cookie)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(header));
    }
}
