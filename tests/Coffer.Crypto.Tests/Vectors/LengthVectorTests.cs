using Coffer.Crypto.Streams;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Vectors;

public sealed class LengthVectorTests
{
    [Fact]
    public void ValidRows_MatchTheLengthFunctionAndItsInverse()
    {
        var rows = VectorFiles.Load("lengths.json").GetProperty("valid").EnumerateArray().ToList();

        Assert.Contains(rows, r => r.Long("plaintextLength") == 5L << 30 && r.Int("segmentSize") == SealedStreamFormat.DefaultSegmentSize);
        foreach (var r in rows)
        {
            var c = r.Int("segmentSize");
            Assert.Equal(r.Long("segmentCount"), SealedStreamFormat.SegmentCount(r.Long("plaintextLength"), c));
            Assert.Equal(r.Long("ciphertextLength"), SealedStreamFormat.CiphertextLength(r.Long("plaintextLength"), c));
            Assert.True(SealedStreamFormat.TryGetPlaintextLength(r.Long("ciphertextLength"), c, out var plaintextLength));
            Assert.Equal(r.Long("plaintextLength"), plaintextLength);
        }
    }

    [Fact]
    public void InvalidRows_AreRefusedByTheInverse()
    {
        foreach (var r in VectorFiles.Load("lengths.json").GetProperty("invalid").EnumerateArray())
            Assert.False(SealedStreamFormat.TryGetPlaintextLength(r.Long("ciphertextLength"), r.Int("segmentSize"), out _), r.Text("why"));
    }
}
