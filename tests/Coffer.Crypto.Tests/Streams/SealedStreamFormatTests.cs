using Coffer.Crypto.Streams;
using CsCheck;

namespace Coffer.Crypto.Tests.Streams;

public sealed class SealedStreamFormatTests
{
    private static readonly Gen<int> SegmentSizes = Gen.OneOf(Gen.Const(64), Gen.Const(65), Gen.Const(4096), Gen.Const(SealedStreamFormat.DefaultSegmentSize), Gen.Int[64, SealedStreamFormat.MaxSegmentSize]);

    [Fact]
    public void LengthFunction_AndItsInverse_Agree() =>
        Gen.Select(SegmentSizes, Gen.Long[0, 6L << 30], Gen.Int[-3, 3]).Sample(
            (c, l, nudge) =>
            {
                var p = c - 16;
                var length = Math.Max(0, ((l / p) * p) + nudge);
                var x = SealedStreamFormat.CiphertextLength(length, c);

                Assert.True(SealedStreamFormat.TryGetPlaintextLength(x, c, out var back));
                Assert.Equal(length, back);
            },
            iter: 2000);

    [Fact]
    public void Inverse_AcceptsExactlyTheLengthsTheFunctionProduces() =>
        Gen.Select(Gen.OneOf(Gen.Const(64), Gen.Const(80)), Gen.Long[0, 2000]).Sample(
            (c, x) =>
            {
                var valid = SealedStreamFormat.TryGetPlaintextLength(x, c, out var l);
                var produced = Enumerable.Range(0, 2000).Any(candidate => SealedStreamFormat.CiphertextLength(candidate, c) == x);

                Assert.Equal(produced, valid);
                if (valid)
                    Assert.Equal(x, SealedStreamFormat.CiphertextLength(l, c));
            },
            iter: 500);

    [Fact]
    public void SegmentOffsets_Use64BitArithmetic() =>
        Assert.Equal(48 + (5119L * SealedStreamFormat.DefaultSegmentSize), SealedStreamFormat.SegmentOffset(5119));
}
