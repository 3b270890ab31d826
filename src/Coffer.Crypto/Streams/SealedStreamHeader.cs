using System.Buffers.Binary;
using System.Security.Cryptography;
using Coffer.Crypto.Errors;

namespace Coffer.Crypto.Streams;

/// <summary>The 48-byte header of a sealed stream: segment size, salt and nonce prefix.</summary>
public sealed class SealedStreamHeader
{
    private readonly byte[] salt;
    private readonly byte[] noncePrefix;

    /// <summary>A header with explicit values; resumable uploads use it to re-create a stream, vectors to be reproducible.</summary>
    public SealedStreamHeader(int segmentSize, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> noncePrefix)
    {
        SealedStreamFormat.RequireSegmentSize(segmentSize);
        if (salt.Length != SealedStreamFormat.SaltLength)
            throw new ArgumentException("The salt is 32 bytes.", nameof(salt));
        if (noncePrefix.Length != SealedStreamFormat.NoncePrefixLength)
            throw new ArgumentException("The nonce prefix is 7 bytes.", nameof(noncePrefix));
        SegmentSize = segmentSize;
        this.salt = salt.ToArray();
        this.noncePrefix = noncePrefix.ToArray();
    }

    public int SegmentSize { get; }

    public ReadOnlySpan<byte> Salt => salt;

    public ReadOnlySpan<byte> NoncePrefix => noncePrefix;

    /// <summary>A header with a fresh random salt and nonce prefix: what every new sealed stream uses.</summary>
    public static SealedStreamHeader CreateRandom(int segmentSize = SealedStreamFormat.DefaultSegmentSize) =>
        new(segmentSize, RandomNumberGenerator.GetBytes(SealedStreamFormat.SaltLength), RandomNumberGenerator.GetBytes(SealedStreamFormat.NoncePrefixLength));

    /// <summary>Parses the first 48 bytes of a stream, reporting the error kinds of CRYPTO.md §6.1.</summary>
    public static SealedStreamHeader Parse(ReadOnlySpan<byte> header)
    {
        var magicLength = Math.Min(header.Length, SealedStreamFormat.Magic.Length);
        if (!header[..magicLength].SequenceEqual(SealedStreamFormat.Magic[..magicLength]))
            throw new CofferCryptoException(CryptoErrorKind.NotACofferStream, "The data is not a Coffer sealed stream.");
        if (header.Length > 4 && header[4] != SealedStreamFormat.Version)
            throw new CofferCryptoException(CryptoErrorKind.UnknownFormatVersion, $"Unknown sealed-stream version {header[4]}.");
        if (header.Length < SealedStreamFormat.HeaderLength)
            throw new CofferCryptoException(CryptoErrorKind.Truncated, "The stream ends inside its header.");
        var segmentSize = BinaryPrimitives.ReadUInt32BigEndian(header[5..]);
        if (segmentSize is < SealedStreamFormat.MinSegmentSize or > SealedStreamFormat.MaxSegmentSize)
            throw new CofferCryptoException(CryptoErrorKind.Tampered, $"Segment size {segmentSize} is out of range.");
        return new SealedStreamHeader((int)segmentSize, header.Slice(9, SealedStreamFormat.SaltLength), header.Slice(41, SealedStreamFormat.NoncePrefixLength));
    }

    public void WriteTo(Span<byte> destination)
    {
        SealedStreamFormat.Magic.CopyTo(destination);
        destination[4] = SealedStreamFormat.Version;
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], (uint)SegmentSize);
        salt.CopyTo(destination[9..]);
        noncePrefix.CopyTo(destination[41..]);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[SealedStreamFormat.HeaderLength];
        WriteTo(bytes);
        return bytes;
    }
}
