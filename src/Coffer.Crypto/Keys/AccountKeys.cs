using System.Security.Cryptography;
using System.Text;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Errors;

namespace Coffer.Crypto.Keys;

/// <summary>Password-based account derivations of CRYPTO.md §3: MK, AuthKey and EK.</summary>
public static class AccountKeys
{
    /// <summary>MK = PBKDF2-HMAC-SHA256(NFC(password), salt, iterations, 32); refuses unknown algorithms and weak parameters.</summary>
    public static byte[] DeriveMasterKey(string password, KdfParameters kdf) => DeriveMasterKey(password, kdf, KdfParameters.MinimumIterations);

    /// <summary>Same as the public overload but with a lower floor, so test vectors can use 1 000 iterations.</summary>
    internal static byte[] DeriveMasterKey(string password, KdfParameters kdf, int minimumIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(kdf);
        if (!string.Equals(kdf.Algorithm, KdfParameters.Pbkdf2Sha256, StringComparison.Ordinal))
            throw new CofferCryptoException(CryptoErrorKind.UnsupportedKdf, $"Unknown KDF algorithm \"{kdf.Algorithm}\".");
        if (kdf.Iterations < minimumIterations)
            throw new CofferCryptoException(CryptoErrorKind.UnsupportedKdf, $"KDF iterations {kdf.Iterations} are below the minimum {minimumIterations}.");
        var salt = Base64Url.Decode(kdf.Salt);
        if (salt.Length < KdfParameters.SaltLength)
            throw new CofferCryptoException(CryptoErrorKind.UnsupportedKdf, "The KDF salt is shorter than 16 bytes.");
        var passwordBytes = PasswordBytes(password);
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, kdf.Iterations, HashAlgorithmName.SHA256, KeyDerivation.KeyLength);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    /// <summary>The UTF-8 bytes of the NFC-normalised password.</summary>
    public static byte[] PasswordBytes(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        // With InvariantGlobalization, Normalize() silently leaves non-ASCII text unchanged: a different key, not an error. Refuse instead.
        if (!NormalizationWorks && !System.Text.Ascii.IsValid(password))
            throw new PlatformNotSupportedException("NFC normalisation is unavailable (InvariantGlobalization is on); set InvariantGlobalization=false in the application.");
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(password.Normalize(NormalizationForm.FormC));
    }

    private static bool NormalizationWorks { get; } = string.Equals("e\u0301".Normalize(NormalizationForm.FormC), "\u00e9", StringComparison.Ordinal);

    public static byte[] DeriveAuthKey(ReadOnlySpan<byte> masterKey) => KeyDerivation.Hkdf(KeyDerivation.RequireKey(masterKey), [], Labels.AuthKeyInfo);

    public static byte[] DeriveEncryptionKey(ReadOnlySpan<byte> masterKey) => KeyDerivation.Hkdf(KeyDerivation.RequireKey(masterKey), [], Labels.EncryptionKeyInfo);

    /// <summary>Trim surrounding white space, then lower-case (invariant), as both server and clients do before any use of an email.</summary>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
