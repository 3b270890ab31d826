using System.Security.Claims;

namespace Coffer.Server.Features.Accounts;

/// <summary>Reads the logged-in account from the request's claims (set by <see cref="SessionAuthenticationHandler"/>).</summary>
public static class CurrentAccount
{
    public const string SessionIdClaim = "sid";
    public const string EmailClaim = "email";

    public static Guid AccountId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No authenticated account."));

    public static Guid SessionId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(SessionIdClaim) ?? throw new InvalidOperationException("No session."));

    public static string Email(this ClaimsPrincipal user) =>
        user.FindFirstValue(EmailClaim) ?? throw new InvalidOperationException("No authenticated account.");

    /// <summary>The owner key the upload store files an account's uploads under.</summary>
    public static string UploadOwnerKey(this ClaimsPrincipal user) => $"account:{user.AccountId():D}";
}
