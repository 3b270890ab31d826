namespace Coffer.Server.Features.Accounts;

/// <summary>Email normalisation (CRYPTO.md §3: trim, then lower-case invariant) and a plausibility check.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalise(string? email) => (email ?? "").Trim().ToLowerInvariant();

    public static bool IsValid(string normalised) =>
        normalised.Length is > 2 and <= MaxLength
        && System.Net.Mail.MailAddress.TryCreate(normalised, out var parsed)
        && parsed.Address == normalised;
}
