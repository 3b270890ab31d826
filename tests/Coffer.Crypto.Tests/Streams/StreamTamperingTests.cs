using System.Security.Cryptography;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Streams;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Streams;

public sealed class StreamTamperingTests
{
    private static readonly byte[] ContentKey = RandomNumberGenerator.GetBytes(32);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryFlippedBit_IsRefused(bool asynchronous)
    {
        var ciphertext = await Sealed.SealAsync(Sealed.Pattern(130), ContentKey, SealedStreamHeader.CreateRandom(64));

        for (var position = 0; position < ciphertext.Length; position++)
        {
            foreach (var bit in new[] { 0x01, 0x80 })
            {
                var altered = ciphertext.ToArray();
                altered[position] ^= (byte)bit;

                var error = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.OpenAsync(altered, ContentKey, asynchronous: asynchronous));

                Assert.Equal(ExpectedKind(position), error.Kind);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryTruncation_IsRefused(bool asynchronous)
    {
        var ciphertext = await Sealed.SealAsync(Sealed.Pattern(130), ContentKey, SealedStreamHeader.CreateRandom(64));

        for (var length = 0; length < ciphertext.Length; length++)
        {
            var error = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.OpenAsync(ciphertext[..length], ContentKey, asynchronous: asynchronous));

            var atBoundary = length >= 48 && (length - 48) % 64 == 0;
            var insideLastPiece = length > 48 && (length - 48) % 64 is > 0 and < 16;
            var expected = length < 48 || atBoundary || insideLastPiece ? CryptoErrorKind.Truncated : CryptoErrorKind.AuthenticationFailed;
            Assert.True(expected == error.Kind, $"length {length}: expected {expected}, got {error.Kind}");
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(16, false)]
    [InlineData(64, false)]
    [InlineData(100, false)]
    [InlineData(1, true)]
    [InlineData(64, true)]
    public async Task AppendedBytes_AreRefused(int count, bool asynchronous)
    {
        var ciphertext = await Sealed.SealAsync(Sealed.Pattern(96), ContentKey, SealedStreamHeader.CreateRandom(64));

        var error = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.OpenAsync([.. ciphertext, .. new byte[count]], ContentKey, asynchronous: asynchronous));

        Assert.Equal(CryptoErrorKind.Tampered, error.Kind);
    }

    [Fact]
    public async Task WrongKeyOrAnotherFilesIds_FailAuthentication()
    {
        var ciphertext = await Sealed.SealAsync(Sealed.Pattern(100), ContentKey, SealedStreamHeader.CreateRandom(64));

        var wrongKey = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.OpenAsync(ciphertext, RandomNumberGenerator.GetBytes(32)));
        var otherFile = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.OpenAsync(ciphertext, ContentKey, fileId: "00000000-0000-4000-8000-000000000000"));
        var otherContent = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.OpenAsync(ciphertext, ContentKey, contentId: "00000000-0000-4000-8000-000000000000"));

        Assert.All([wrongKey, otherFile, otherContent], e => Assert.Equal(CryptoErrorKind.AuthenticationFailed, e.Kind));
    }

    [Fact]
    public async Task DecryptRange_RefusesATamperedSegmentInsideTheRange_AndNeverReadsSegmentsOutsideIt()
    {
        var plaintext = Sealed.Pattern(48 * 5);
        var ciphertext = await Sealed.SealAsync(plaintext, ContentKey, SealedStreamHeader.CreateRandom(64));
        ciphertext[48 + (64 * 3) + 10] ^= 1;

        var error = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.DecryptRangeAsync(ciphertext, ContentKey, 48 * 3, 48 * 4));

        Assert.Equal(CryptoErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal(plaintext[10..140], await Sealed.DecryptRangeAsync(ciphertext, ContentKey, 10, 140));
    }

    [Fact]
    public async Task DecryptRange_RefusesAnImpossibleCiphertextLength()
    {
        var ciphertext = await Sealed.SealAsync(Sealed.Pattern(100), ContentKey, SealedStreamHeader.CreateRandom(64));

        var error = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.DecryptRangeAsync(ciphertext[..^5], ContentKey, 0, 10));

        Assert.Equal(CryptoErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public async Task DecryptRange_OfTheFinalSegment_RequiresTheLastFlag()
    {
        // Cutting a stream at a segment boundary gives a valid length; the range reader then treats the old segment 1 as final and must refuse it.
        var ciphertext = await Sealed.SealAsync(Sealed.Pattern(48 * 3), ContentKey, SealedStreamHeader.CreateRandom(64));

        var error = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.DecryptRangeAsync(ciphertext[..(48 + 128)], ContentKey, 50, 60));

        Assert.Equal(CryptoErrorKind.AuthenticationFailed, error.Kind);
    }

    [Theory]
    [InlineData(63u)]
    [InlineData(16u * 1024 * 1024 + 1)]
    [InlineData(0u)]
    public void Header_WithSegmentSizeOutOfRange_IsTampered(uint segmentSize)
    {
        var header = SealedStreamHeader.CreateRandom(64).ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(5), segmentSize);

        Assert.Equal(CryptoErrorKind.Tampered, Assert.Throws<CofferCryptoException>(() => SealedStreamHeader.Parse(header)).Kind);
    }

    [Fact]
    public void Header_RoundTrips()
    {
        var header = SealedStreamHeader.CreateRandom(4096);
        var parsed = SealedStreamHeader.Parse(header.ToArray());

        Assert.Equal(4096, parsed.SegmentSize);
        Assert.Equal(header.Salt.ToArray(), parsed.Salt.ToArray());
        Assert.Equal(header.NoncePrefix.ToArray(), parsed.NoncePrefix.ToArray());
        Assert.Equal("COFS"u8.ToArray(), header.ToArray()[..4]);
    }

    // Header bytes: 0–3 magic, 4 version, 5–8 segment size (64; a flip in byte 5 leaves the range, in bytes 6–8 it stays valid but wrong), 9–47 salt and prefix.
    private static CryptoErrorKind ExpectedKind(int position) => position switch
    {
        < 4 => CryptoErrorKind.NotACofferStream,
        4 => CryptoErrorKind.UnknownFormatVersion,
        5 => CryptoErrorKind.Tampered,
        _ => CryptoErrorKind.AuthenticationFailed,
    };
}
