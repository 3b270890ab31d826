using System.Security.Cryptography;
using Coffer.Crypto.Streams;
using Coffer.Crypto.Tests.Support;
using CsCheck;

namespace Coffer.Crypto.Tests.Streams;

public sealed class StreamRoundTripTests
{
    private const int SegmentSize = 64;
    private const int P = SegmentSize - SealedStreamFormat.TagLength;

    // Lengths cluster around segment boundaries, where off-by-one errors live.
    private static readonly Gen<int> Lengths = Gen.OneOf(
        Gen.Select(Gen.Int[0, 6], Gen.Int[-2, 2], (k, d) => Math.Max(0, (k * P) + d)),
        Gen.Int[0, 700]);

    private static readonly byte[] ContentKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task SealThenOpen_ReturnsThePlaintext_ForSizesAroundSegmentBoundaries() =>
        await Lengths.SampleAsync(
            async length =>
            {
                var plaintext = RandomNumberGenerator.GetBytes(length);
                var header = SealedStreamHeader.CreateRandom(SegmentSize);
                var fromSeekable = await Sealed.SealAsync(plaintext, ContentKey, header, seekableSource: true);
                var fromForwardOnly = await Sealed.SealAsync(plaintext, ContentKey, header, seekableSource: false);

                Assert.Equal(SealedStreamFormat.CiphertextLength(length, SegmentSize), fromSeekable.Length);
                Assert.Equal(fromSeekable, fromForwardOnly);
                Assert.Equal(fromSeekable, await Sealed.SealAsync(plaintext, ContentKey, header, asynchronous: true));
                Assert.Equal(plaintext, await Sealed.OpenAsync(fromSeekable, ContentKey));
                Assert.Equal(plaintext, await Sealed.OpenAsync(fromSeekable, ContentKey, forwardOnly: true));
                Assert.Equal(plaintext, await Sealed.OpenAsync(fromSeekable, ContentKey, asynchronous: true));
            },
            iter: 150,
            threads: 1);

    [Fact]
    public async Task DecryptRange_EqualsThePlaintextSlice() =>
        await Gen.Select(Lengths, Gen.Double.Unit, Gen.Double.Unit).SampleAsync(
            async (length, x, y) =>
            {
                var plaintext = RandomNumberGenerator.GetBytes(length);
                var ciphertext = await Sealed.SealAsync(plaintext, ContentKey, SealedStreamHeader.CreateRandom(SegmentSize));
                var a = (long)(Math.Min(x, y) * length);
                var b = (long)(Math.Max(x, y) * length);

                Assert.Equal(plaintext[(int)a..(int)b], await Sealed.DecryptRangeAsync(ciphertext, ContentKey, a, b));
            },
            iter: 150,
            threads: 1);

    [Fact]
    public async Task CiphertextStream_AnyRangeEqualsTheSliceOfAFullSeal() =>
        await Gen.Select(Lengths, Gen.Double.Unit, Gen.Double.Unit, Gen.Int[1, 200]).SampleAsync(
            async (length, x, y, chunk) =>
            {
                var plaintext = RandomNumberGenerator.GetBytes(length);
                var header = SealedStreamHeader.CreateRandom(SegmentSize);
                var full = await Sealed.SealAsync(plaintext, ContentKey, header);
                var a = (int)(Math.Min(x, y) * full.Length);
                var b = (int)(Math.Max(x, y) * full.Length);
                using var view = new SealingReadStream(new MemoryStream(plaintext), ContentKey, Sealed.FileId, Sealed.ContentId, header);

                view.Position = a;
                var asyncRead = await ReadInChunksAsync(view, b - a, chunk);
                view.Seek(a, SeekOrigin.Begin);
                var syncRead = ReadInChunks(view, b - a, chunk);

                Assert.Equal(full[a..b], asyncRead);
                Assert.Equal(full[a..b], syncRead);
                Assert.Equal(full.Length, view.Length);
            },
            iter: 150,
            threads: 1);

    [Fact]
    public async Task DefaultSegmentSize_RoundTripsSeveralMegabytes()
    {
        var plaintext = RandomNumberGenerator.GetBytes((3 * SealedStreamFormat.DefaultSegmentSize) + 12345);
        var header = SealedStreamHeader.CreateRandom();
        var ciphertext = await Sealed.SealAsync(plaintext, ContentKey, header);
        using var view = new SealingReadStream(new MemoryStream(plaintext), ContentKey, Sealed.FileId, Sealed.ContentId, header);
        using var viewed = new MemoryStream();
        await view.CopyToAsync(viewed, 200_000);

        Assert.Equal(ciphertext, viewed.ToArray());
        Assert.Equal(plaintext, await Sealed.OpenAsync(ciphertext, ContentKey));
        Assert.Equal(plaintext[1_000_000..2_500_000], await Sealed.DecryptRangeAsync(ciphertext, ContentKey, 1_000_000, 2_500_000));
    }

    [Fact]
    public async Task Seal_ReportsProgressUpToTheCiphertextLength()
    {
        var plaintext = RandomNumberGenerator.GetBytes(1000);
        using var sealer = StreamSealer.Create(ContentKey, Sealed.FileId, Sealed.ContentId, SegmentSize);
        var reports = new List<long>();

        var written = await sealer.SealAsync(new MemoryStream(plaintext), Stream.Null, new SynchronousProgress(reports.Add));

        Assert.Equal(SealedStreamFormat.CiphertextLength(1000, SegmentSize), written);
        Assert.Equal(written, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task Seal_UsesAFreshSaltAndNoncePrefixEachTime()
    {
        using var first = StreamSealer.Create(ContentKey, Sealed.FileId, Sealed.ContentId);
        using var second = StreamSealer.Create(ContentKey, Sealed.FileId, Sealed.ContentId);

        Assert.NotEqual(first.Header.Salt.ToArray(), second.Header.Salt.ToArray());
        Assert.NotEqual(first.Header.NoncePrefix.ToArray(), second.Header.NoncePrefix.ToArray());
        Assert.NotEqual(
            await Sealed.SealAsync([1, 2, 3], ContentKey, first.Header),
            await Sealed.SealAsync([1, 2, 3], ContentKey, second.Header));
    }

    [Fact]
    public async Task CiphertextStream_Over5GiB_ProducesAndDecryptsTheFinalSegments()
    {
        var plaintextLength = (5L << 30) + 1;
        var header = SealedStreamHeader.CreateRandom();
        using var view = new SealingReadStream(new VirtualPlaintextStream(plaintextLength), ContentKey, Sealed.FileId, Sealed.ContentId, header);
        using var opener = new StreamOpener(ContentKey, Sealed.FileId, Sealed.ContentId);
        using var output = new MemoryStream();
        var start = plaintextLength - 100_000;

        // The view is a seekable ciphertext stream, so the range reader pulls just the header and the last two segments through it.
        await opener.DecryptRangeAsync(view, start, plaintextLength, output);

        Assert.Equal(SealedStreamFormat.CiphertextLength(plaintextLength), view.Length);
        var expected = new byte[100_000];
        for (var i = 0; i < expected.Length; i++)
            expected[i] = VirtualPlaintextStream.ByteAt(start + i);
        Assert.Equal(expected, output.ToArray());
    }

    private static async Task<byte[]> ReadInChunksAsync(Stream stream, int count, int chunk)
    {
        var result = new byte[count];
        var done = 0;
        while (done < count)
        {
            var read = await stream.ReadAsync(result.AsMemory(done, Math.Min(chunk, count - done)));
            Assert.NotEqual(0, read);
            done += read;
        }

        return result;
    }

    private static byte[] ReadInChunks(Stream stream, int count, int chunk)
    {
        var result = new byte[count];
        var done = 0;
        while (done < count)
        {
            var read = stream.Read(result.AsSpan(done, Math.Min(chunk, count - done)));
            Assert.NotEqual(0, read);
            done += read;
        }

        return result;
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
