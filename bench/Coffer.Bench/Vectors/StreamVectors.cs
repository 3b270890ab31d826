using System.Text.Json.Nodes;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Streams;
using static Coffer.Bench.Vectors.VectorGenerator;

namespace Coffer.Bench.Vectors;

internal static class StreamVectors
{
    public static readonly byte[] ContentKey = Pattern(0x00, 32);
    public static readonly byte[] Salt = Pattern(0x20, 32);
    public static readonly byte[] NoncePrefix = Pattern(0xa0, 7);

    public static byte[] Plaintext(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 7) + 3)).ToArray();

    public static byte[] Seal(byte[] plaintext, int segmentSize, byte[]? contentKey = null)
    {
        using var sealer = new StreamSealer(contentKey ?? ContentKey, FileId, ContentId, new SealedStreamHeader(segmentSize, Salt, NoncePrefix));
        using var output = new MemoryStream();
        sealer.SealAsync(new MemoryStream(plaintext), output).GetAwaiter().GetResult();
        return output.ToArray();
    }

    public static JsonObject Build()
    {
        var cases = new JsonArray();
        void Add(string name, int length, int segmentSize)
        {
            var plaintext = Plaintext(length);
            var ciphertext = Seal(plaintext, segmentSize);
            cases.Add(new JsonObject
            {
                ["name"] = name,
                ["contentKey"] = Hex(ContentKey),
                ["fileId"] = FileId,
                ["contentId"] = ContentId,
                ["segmentSize"] = segmentSize,
                ["salt"] = Hex(Salt),
                ["noncePrefix"] = Hex(NoncePrefix),
                ["segmentKeyInfo"] = Labels.StreamSegmentKeyInfo(FileId, ContentId),
                ["segmentKey"] = Hex(KeyDerivation.SegmentKey(ContentKey, Salt, FileId, ContentId)),
                ["plaintextLength"] = length,
                ["plaintext"] = Hex(plaintext),
                ["ciphertextLength"] = ciphertext.Length,
                ["ciphertext"] = Hex(ciphertext),
                ["ciphertextSha256"] = Sha256Hex(ciphertext),
            });
        }

        Add("empty", 0, 64);
        Add("one-byte", 1, 64);
        Add("exactly-one-segment", 48, 64);
        Add("one-segment-plus-one-byte", 49, 64);
        Add("exactly-two-segments", 96, 64);
        Add("several-segments", 161, 64);
        Add("empty-default-segment-size", 0, SealedStreamFormat.DefaultSegmentSize);
        Add("small-default-segment-size", 100, SealedStreamFormat.DefaultSegmentSize);

        var several = Plaintext(161);
        var severalSealed = Seal(several, 64);
        var ranges = new JsonArray();
        foreach (var (start, end) in new (long, long)[] { (0, 161), (10, 20), (40, 100), (48, 96), (150, 161), (47, 49) })
        {
            var range = SealedStreamFormat.SegmentsForPlaintextRange(start, end, 161, 64);
            ranges.Add(new JsonObject
            {
                ["stream"] = "several-segments",
                ["plaintextStart"] = start,
                ["plaintextEnd"] = end,
                ["firstSegment"] = range.First,
                ["lastSegment"] = range.Last,
                ["ciphertextStart"] = range.CiphertextStart,
                ["ciphertextEnd"] = range.CiphertextEnd,
                ["plaintext"] = Hex(several.AsSpan((int)start, (int)(end - start))),
            });
        }

        var ciphertextRanges = new JsonArray();
        foreach (var (start, end) in new (int, int)[] { (0, 10), (40, 130), (112, 176), (200, severalSealed.Length) })
        {
            ciphertextRanges.Add(new JsonObject
            {
                ["stream"] = "several-segments",
                ["ciphertextStart"] = start,
                ["ciphertextEnd"] = end,
                ["ciphertext"] = Hex(severalSealed.AsSpan(start, end - start)),
            });
        }

        return new JsonObject
        {
            ["description"] = "CRYPTO.md §6. plaintext[i] = (7·i + 3) mod 256. segmentKey = HKDF(contentKey, salt, segmentKeyInfo, 32). ranges: decrypting plaintext [plaintextStart, plaintextEnd) of the named stream reads ciphertext [ciphertextStart, ciphertextEnd) = segments firstSegment..lastSegment. ciphertextRanges: bytes of the named stream's ciphertext that a range producer must re-create from the plaintext.",
            ["cases"] = cases,
            ["ranges"] = ranges,
            ["ciphertextRanges"] = ciphertextRanges,
        };
    }
}
