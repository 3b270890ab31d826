namespace Coffer.Server.Features.Uploads;

/// <summary>The length arithmetic of a Coffer sealed stream (CRYPTO.md §6.4), kept here so the server needs no crypto library to refuse impossible upload lengths.</summary>
public static class SealedStreamLength
{
    public const int HeaderLength = 48;
    public const int TagLength = 16;
    public const int DefaultSegmentSize = 1_048_576;
    public const int MinSegmentSize = 64;
    public const int MaxSegmentSize = 16_777_216;
    private const long MaxSegments = 1L << 32;

    /// <summary>ciphertextLength(L) = 48 + L + 16·n with n = max(1, ceil(L / P)), P = C − 16.</summary>
    public static long CiphertextLength(long plaintextLength, int segmentSize = DefaultSegmentSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, MinSegmentSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(segmentSize, MaxSegmentSize);
        long plainSegment = segmentSize - TagLength;
        var segments = Math.Max(1, (plaintextLength + plainSegment - 1) / plainSegment);
        return checked(HeaderLength + plaintextLength + (TagLength * segments));
    }

    /// <summary>The inverse: false when no plaintext seals to exactly <paramref name="ciphertextLength"/> bytes.</summary>
    public static bool TryGetPlaintextLength(long ciphertextLength, out long plaintextLength, int segmentSize = DefaultSegmentSize)
    {
        plaintextLength = 0;
        var m = ciphertextLength - HeaderLength;
        if (segmentSize is < MinSegmentSize or > MaxSegmentSize || ciphertextLength < HeaderLength || m < TagLength)
        {
            return false;
        }
        var segments = (m / segmentSize) + (m % segmentSize == 0 ? 0 : 1);
        var last = m - ((segments - 1) * segmentSize);
        var valid = last >= TagLength && last <= segmentSize && (segments == 1 || last > TagLength) && segments <= MaxSegments;
        if (valid)
        {
            plaintextLength = m - (TagLength * segments);
        }
        return valid;
    }
}
