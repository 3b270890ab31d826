using System.Buffers.Binary;
using System.Security.Cryptography;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Keys;

namespace Coffer.Crypto.Streams;

/// <summary>Encrypts and decrypts single segments of one sealed stream; the building block for range uploads and downloads.</summary>
public sealed class SegmentCipher : IDisposable
{
    private readonly AesGcm aes;
    private readonly byte[] noncePrefix;

    public SegmentCipher(ReadOnlySpan<byte> contentKey, string fileId, string contentId, SealedStreamHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Header = header;
        var segmentKey = KeyDerivation.SegmentKey(contentKey, header.Salt, fileId, contentId);
        aes = new AesGcm(segmentKey, SealedStreamFormat.TagLength);
        CryptographicOperations.ZeroMemory(segmentKey);
        noncePrefix = header.NoncePrefix.ToArray();
    }

    public SealedStreamHeader Header { get; }

    /// <summary>Seals one segment into <paramref name="segment"/> (plaintext length + 16 bytes); in place is allowed when both spans start at the same address.</summary>
    public void Encrypt(long index, bool isLast, ReadOnlySpan<byte> plaintext, Span<byte> segment)
    {
        Span<byte> nonce = stackalloc byte[12];
        WriteNonce(nonce, index, isLast);
        aes.Encrypt(nonce, plaintext, segment[..plaintext.Length], segment.Slice(plaintext.Length, SealedStreamFormat.TagLength));
    }

    /// <summary>Verifies and decrypts one segment; false (and a zeroed <paramref name="plaintext"/>) when the tag does not verify.</summary>
    public bool TryDecrypt(long index, bool isLast, ReadOnlySpan<byte> segment, Span<byte> plaintext)
    {
        if (segment.Length < SealedStreamFormat.TagLength)
            return false;
        Span<byte> nonce = stackalloc byte[12];
        WriteNonce(nonce, index, isLast);
        var length = segment.Length - SealedStreamFormat.TagLength;
        try
        {
            aes.Decrypt(nonce, segment[..length], segment[length..], plaintext[..length]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    /// <summary>Like <see cref="TryDecrypt"/> but throws <see cref="CryptoErrorKind.AuthenticationFailed"/>; returns the plaintext length.</summary>
    public int Decrypt(long index, bool isLast, ReadOnlySpan<byte> segment, Span<byte> plaintext) =>
        TryDecrypt(index, isLast, segment, plaintext)
            ? segment.Length - SealedStreamFormat.TagLength
            : throw new CofferCryptoException(CryptoErrorKind.AuthenticationFailed, $"Segment {index} does not verify: wrong key or altered bytes.");

    public void Dispose() => aes.Dispose();

    private void WriteNonce(Span<byte> nonce, long index, bool isLast)
    {
        if ((ulong)index >= SealedStreamFormat.MaxSegmentCount)
            throw new CofferCryptoException(CryptoErrorKind.Tampered, "A sealed stream has at most 2^32 segments.");
        noncePrefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[7..], (uint)index);
        nonce[11] = isLast ? (byte)1 : (byte)0;
    }
}
