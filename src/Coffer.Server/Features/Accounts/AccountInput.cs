using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Security;

namespace Coffer.Server.Features.Accounts;

/// <summary>Validation of the key material an account sends (sizes per CRYPTO.md).</summary>
internal static class AccountInput
{
    public const string Pbkdf2 = "pbkdf2-sha256";
    public const int WrappedKeyLength = 61;
    public const int KdfSaltLength = 16;

    /// <summary>Null when valid, else a sentence saying what is wrong.</summary>
    public static string? CheckKdf(KdfParameters? kdf, int minimumIterations, out byte[] salt)
    {
        salt = [];
        if (kdf is null)
        {
            return "kdf is required.";
        }

        if (kdf.Algorithm != Pbkdf2)
        {
            return $"kdf.algorithm must be \"{Pbkdf2}\".";
        }

        if (kdf.Iterations < minimumIterations)
        {
            return $"kdf.iterations must be at least {minimumIterations}.";
        }

        return Base64Url.TryDecode(kdf.Salt, KdfSaltLength, KdfSaltLength, out salt)
            ? null
            : $"kdf.salt must be {KdfSaltLength} bytes in base64url.";
    }

    public static string? CheckAuthKey(string? text, string field, out byte[] authKey) =>
        Base64Url.TryDecode(text, AuthKeyHasher.AuthKeyLength, AuthKeyHasher.AuthKeyLength, out authKey)
            ? null
            : $"{field} must be {AuthKeyHasher.AuthKeyLength} bytes in base64url.";

    public static string? CheckWrappedKey(string? text, string field, out byte[] wrapped) =>
        Base64Url.TryDecode(text, WrappedKeyLength, WrappedKeyLength, out wrapped) && wrapped[0] == 1
            ? null
            : $"{field} must be a {WrappedKeyLength}-byte wrapped key (format version 1) in base64url.";

    public static KdfParameters ToDto(Account account) =>
        new(account.KdfAlgorithm, account.KdfIterations, Base64Url.Encode(account.KdfSalt));
}
