namespace Coffer.Crypto.Streams;

/// <summary>Constants and pure length/offset arithmetic of the sealed stream (CRYPTO.md §6); needs no key, so the server uses it too.</summary>
public static class SealedStreamFormat
{
    public const byte Version = 1;
    public const int HeaderLength = 48;
    public const int SaltLength = 32;
    public const int NoncePrefixLength = 7;
    public const int TagLength = 16;
    public const int MinSegmentSize = 64;
    public const int MaxSegmentSize = 16 * 1024 * 1024;
    public const int DefaultSegmentSize = 1024 * 1024;
    public const long MaxSegmentCount = 1L << 32;

    /// <summary>The magic <c>COFS</c> that starts every sealed stream.</summary>
    public static ReadOnlySpan<byte> Magic => "COFS"u8;

    public static bool IsValidSegmentSize(int segmentSize) => segmentSize is >= MinSegmentSize and <= MaxSegmentSize;

    /// <summary>P = C − 16: the plaintext bytes in every segment but the last.</summary>
    public static int PlaintextSegmentSize(int segmentSize)
    {
        RequireSegmentSize(segmentSize);
        return segmentSize - TagLength;
    }

    /// <summary>n = max(1, ceil(L / P)).</summary>
    public static long SegmentCount(long plaintextLength, int segmentSize = DefaultSegmentSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        long p = PlaintextSegmentSize(segmentSize);
        var n = Math.Max(1, (plaintextLength + p - 1) / p);
        return n <= MaxSegmentCount ? n : throw new ArgumentOutOfRangeException(nameof(plaintextLength), "More than 2^32 segments.");
    }

    /// <summary>ciphertextLength(L) = 48 + L + 16·n.</summary>
    public static long CiphertextLength(long plaintextLength, int segmentSize = DefaultSegmentSize) =>
        HeaderLength + plaintextLength + (TagLength * SegmentCount(plaintextLength, segmentSize));

    /// <summary>The inverse of <see cref="CiphertextLength"/>; false when no plaintext length seals to <paramref name="ciphertextLength"/>.</summary>
    public static bool TryGetPlaintextLength(long ciphertextLength, int segmentSize, out long plaintextLength)
    {
        plaintextLength = 0;
        if (!IsValidSegmentSize(segmentSize))
            return false;
        var m = ciphertextLength - HeaderLength;
        if (m < TagLength)
            return false;
        var n = (m + segmentSize - 1) / segmentSize;
        var r = m - ((n - 1) * segmentSize);
        if (n > MaxSegmentCount || r < TagLength || r > segmentSize || (n > 1 && r == TagLength))
            return false;
        plaintextLength = m - (TagLength * n);
        return true;
    }

    /// <summary>Byte offset of segment <paramref name="index"/> in the sealed stream: 48 + i·C.</summary>
    public static long SegmentOffset(long index, int segmentSize = DefaultSegmentSize)
    {
        RequireSegmentSize(segmentSize);
        return HeaderLength + (index * segmentSize);
    }

    /// <summary>The segments and ciphertext bytes a reader must fetch to decrypt plaintext bytes [start, end) of a stream of plaintext length <paramref name="plaintextLength"/>.</summary>
    public static SegmentRange SegmentsForPlaintextRange(long start, long end, long plaintextLength, int segmentSize = DefaultSegmentSize)
    {
        if (start < 0 || end < start || end > plaintextLength)
            throw new ArgumentOutOfRangeException(nameof(end), "The range must satisfy 0 ≤ start ≤ end ≤ plaintext length.");
        long p = PlaintextSegmentSize(segmentSize);
        var count = SegmentCount(plaintextLength, segmentSize);
        var first = start == end ? Math.Min(start / p, count - 1) : start / p;
        var last = start == end ? first : (end - 1) / p;
        var ciphertextLength = CiphertextLength(plaintextLength, segmentSize);
        return new SegmentRange(
            first,
            last,
            SegmentOffset(first, segmentSize),
            Math.Min(SegmentOffset(last + 1, segmentSize), ciphertextLength));
    }

    internal static void RequireSegmentSize(int segmentSize)
    {
        if (!IsValidSegmentSize(segmentSize))
            throw new ArgumentOutOfRangeException(nameof(segmentSize), $"A segment size must be between {MinSegmentSize} and {MaxSegmentSize}.");
    }
}

/// <summary>Segments <c>First..Last</c> (inclusive) and the ciphertext bytes [<c>CiphertextStart</c>, <c>CiphertextEnd</c>) that hold them.</summary>
public readonly record struct SegmentRange(long First, long Last, long CiphertextStart, long CiphertextEnd);
