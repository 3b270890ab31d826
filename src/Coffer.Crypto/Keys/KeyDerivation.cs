using System.Security.Cryptography;
using Coffer.Crypto.Errors;

namespace Coffer.Crypto.Keys;

/// <summary>HKDF-SHA256 derivations of the key hierarchy (all keys are 32 bytes).</summary>
public static class KeyDerivation
{
    public const int KeyLength = 32;

    public static byte[] Hkdf(ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, string info)
    {
        var output = new byte[KeyLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, output, salt, System.Text.Encoding.UTF8.GetBytes(info));
        return output;
    }

    /// <summary>The key that seals a file's name (from FK) or folder names (from AK).</summary>
    public static byte[] NameKey(ReadOnlySpan<byte> fileOrAccountKey) => Hkdf(RequireKey(fileOrAccountKey), [], Labels.NameKeyInfo);

    /// <summary>The key that seals a version's metadata, from its content key CK.</summary>
    public static byte[] MetadataKey(ReadOnlySpan<byte> contentKey) => Hkdf(RequireKey(contentKey), [], Labels.MetadataKeyInfo);

    /// <summary>The sealed-stream segment key: HKDF(CK, salt, "coffer/v1/stream|fileId|contentId").</summary>
    public static byte[] SegmentKey(ReadOnlySpan<byte> contentKey, ReadOnlySpan<byte> salt, string fileId, string contentId) =>
        Hkdf(RequireKey(contentKey), salt, Labels.StreamSegmentKeyInfo(fileId, contentId));

    /// <summary>32 fresh random bytes: a new AK, FK, CK or link secret.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyLength);

    internal static ReadOnlySpan<byte> RequireKey(ReadOnlySpan<byte> key) =>
        key.Length == KeyLength
            ? key
            : throw new CofferCryptoException(CryptoErrorKind.InvalidEncoding, $"A key must be {KeyLength} bytes, got {key.Length}.");
}
