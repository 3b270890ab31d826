using System.Security.Cryptography;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Keys;

namespace Coffer.Crypto.Boxes;

/// <summary>The sealed box of CRYPTO.md §4: <c>0x01 ‖ nonce ‖ AES-GCM(key, nonce, plaintext, ad = label)</c>.</summary>
public static class Box
{
    public const byte FormatVersion = 1;
    public const int NonceLength = 12;
    public const int TagLength = 16;
    public const int Overhead = 1 + NonceLength + TagLength;

    /// <summary>Length of a box holding a wrapped 32-byte key.</summary>
    public const int WrappedKeyLength = Overhead + KeyDerivation.KeyLength;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string label) =>
        SealWithNonce(key, plaintext, label, RandomNumberGenerator.GetBytes(NonceLength));

    /// <summary>Seal with a caller-chosen nonce; only for reproducible test vectors (a repeated nonce breaks AES-GCM).</summary>
    internal static byte[] SealWithNonce(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string label, ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceLength)
            throw new ArgumentException("A box nonce is 12 bytes.", nameof(nonce));
        var box = new byte[Overhead + plaintext.Length];
        box[0] = FormatVersion;
        nonce.CopyTo(box.AsSpan(1));
        using var aes = new AesGcm(KeyDerivation.RequireKey(key), TagLength);
        aes.Encrypt(
            nonce,
            plaintext,
            box.AsSpan(1 + NonceLength, plaintext.Length),
            box.AsSpan(1 + NonceLength + plaintext.Length),
            System.Text.Encoding.UTF8.GetBytes(label));
        return box;
    }

    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> box, string label)
    {
        if (box.Length < 1)
            throw new CofferCryptoException(CryptoErrorKind.Truncated, "The box is empty.");
        if (box[0] != FormatVersion)
            throw new CofferCryptoException(CryptoErrorKind.UnknownFormatVersion, $"Unknown box format version {box[0]}.");
        if (box.Length < Overhead)
            throw new CofferCryptoException(CryptoErrorKind.Truncated, "The box is shorter than its nonce and tag.");

        var plaintext = new byte[box.Length - Overhead];
        using var aes = new AesGcm(KeyDerivation.RequireKey(key), TagLength);
        try
        {
            aes.Decrypt(
                box.Slice(1, NonceLength),
                box.Slice(1 + NonceLength, plaintext.Length),
                box[^TagLength..],
                plaintext,
                System.Text.Encoding.UTF8.GetBytes(label));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CofferCryptoException(CryptoErrorKind.AuthenticationFailed, "The box does not open: wrong key, wrong label, or altered bytes.", e);
        }

        return plaintext;
    }

    /// <summary>Wraps a 32-byte key; the result is always <see cref="WrappedKeyLength"/> bytes.</summary>
    public static byte[] WrapKey(ReadOnlySpan<byte> wrappingKey, ReadOnlySpan<byte> key, string label) =>
        Seal(wrappingKey, KeyDerivation.RequireKey(key), label);

    public static byte[] UnwrapKey(ReadOnlySpan<byte> wrappingKey, ReadOnlySpan<byte> wrapped, string label)
    {
        if (wrapped.Length > 0 && wrapped[0] == FormatVersion && wrapped.Length != WrappedKeyLength)
            throw new CofferCryptoException(
                wrapped.Length < WrappedKeyLength ? CryptoErrorKind.Truncated : CryptoErrorKind.Tampered,
                $"A wrapped key is {WrappedKeyLength} bytes, got {wrapped.Length}.");
        return Open(wrappingKey, wrapped, label);
    }
}
