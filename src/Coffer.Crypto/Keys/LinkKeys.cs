using System.Security.Cryptography;
using System.Text;

namespace Coffer.Crypto.Keys;

/// <summary>Link derivations of CRYPTO.md §7: the wrap key and the auth token from the link secret S, and the token hash the server stores.</summary>
public static class LinkKeys
{
    public const int SecretLength = 32;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretLength);

    public static byte[] DeriveWrapKey(ReadOnlySpan<byte> secret, string linkId) =>
        KeyDerivation.Hkdf(KeyDerivation.RequireKey(secret), Encoding.UTF8.GetBytes(linkId), Labels.LinkWrapKeyInfo);

    public static byte[] DeriveAuthToken(ReadOnlySpan<byte> secret, string linkId) =>
        KeyDerivation.Hkdf(KeyDerivation.RequireKey(secret), Encoding.UTF8.GetBytes(linkId), Labels.LinkAuthTokenInfo);

    /// <summary>SHA-256 of the auth token: the only form of it the server keeps.</summary>
    public static byte[] HashAuthToken(ReadOnlySpan<byte> authToken) => SHA256.HashData(authToken);

    /// <summary>Constant-time check of a presented token against the stored hash.</summary>
    public static bool VerifyAuthToken(ReadOnlySpan<byte> presentedToken, ReadOnlySpan<byte> storedHash) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(presentedToken), storedHash);
}
