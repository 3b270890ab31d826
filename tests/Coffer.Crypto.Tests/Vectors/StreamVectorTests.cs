using Coffer.Crypto.Keys;
using Coffer.Crypto.Streams;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Vectors;

public sealed class StreamVectorTests
{
    public static TheoryData<string> Cases => VectorFiles.Names("stream.json", "cases");

    public static TheoryData<int> Ranges => VectorFiles.Indexes("stream.json", "ranges");

    public static TheoryData<int> CiphertextRanges => VectorFiles.Indexes("stream.json", "ciphertextRanges");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Seal_ReproducesTheVectorExactly(string name)
    {
        var v = VectorFiles.Case("stream.json", "cases", name);
        var header = new SealedStreamHeader(v.Int("segmentSize"), v.Hex("salt"), v.Hex("noncePrefix"));

        Assert.Equal(v.Text("segmentKeyInfo"), Labels.StreamSegmentKeyInfo(v.Text("fileId"), v.Text("contentId")));
        Assert.Equal(v.Hex("segmentKey"), KeyDerivation.SegmentKey(v.Hex("contentKey"), v.Hex("salt"), v.Text("fileId"), v.Text("contentId")));
        Assert.Equal(v.Long("ciphertextLength"), SealedStreamFormat.CiphertextLength(v.Long("plaintextLength"), header.SegmentSize));
        var expected = v.Hex("ciphertext");
        Assert.Equal(expected, await Sealed.SealAsync(v.Hex("plaintext"), v.Hex("contentKey"), header, seekableSource: true, v.Text("fileId"), v.Text("contentId")));
        Assert.Equal(expected, await Sealed.SealAsync(v.Hex("plaintext"), v.Hex("contentKey"), header, seekableSource: false, v.Text("fileId"), v.Text("contentId")));
        Assert.Equal(v.Text("ciphertextSha256"), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(expected)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CiphertextStream_ReproducesTheVectorExactly(string name)
    {
        var v = VectorFiles.Case("stream.json", "cases", name);
        var header = new SealedStreamHeader(v.Int("segmentSize"), v.Hex("salt"), v.Hex("noncePrefix"));
        using var view = new SealingReadStream(new MemoryStream(v.Hex("plaintext")), v.Hex("contentKey"), v.Text("fileId"), v.Text("contentId"), header);
        using var output = new MemoryStream();

        await view.CopyToAsync(output);

        Assert.Equal(v.Long("ciphertextLength"), view.Length);
        Assert.Equal(v.Hex("ciphertext"), output.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Open_ReturnsTheVectorPlaintext(string name)
    {
        var v = VectorFiles.Case("stream.json", "cases", name);

        Assert.Equal(v.Hex("plaintext"), await Sealed.OpenAsync(v.Hex("ciphertext"), v.Hex("contentKey"), v.Text("fileId"), v.Text("contentId")));
        Assert.Equal(v.Hex("plaintext"), await Sealed.OpenAsync(v.Hex("ciphertext"), v.Hex("contentKey"), v.Text("fileId"), v.Text("contentId"), forwardOnly: true));
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task DecryptRange_ReadsTheVectorSegmentsAndReturnsTheSlice(int index)
    {
        var r = VectorFiles.Load("stream.json").GetProperty("ranges")[index];
        var v = VectorFiles.Case("stream.json", "cases", r.Text("stream"));
        var range = SealedStreamFormat.SegmentsForPlaintextRange(r.Long("plaintextStart"), r.Long("plaintextEnd"), v.Long("plaintextLength"), v.Int("segmentSize"));

        Assert.Equal(new SegmentRange(r.Long("firstSegment"), r.Long("lastSegment"), r.Long("ciphertextStart"), r.Long("ciphertextEnd")), range);
        Assert.Equal(r.Hex("plaintext"), await Sealed.DecryptRangeAsync(v.Hex("ciphertext"), v.Hex("contentKey"), r.Long("plaintextStart"), r.Long("plaintextEnd")));
    }

    [Theory]
    [MemberData(nameof(CiphertextRanges))]
    public async Task CiphertextRange_IsReproducedFromThePlaintextAlone(int index)
    {
        var r = VectorFiles.Load("stream.json").GetProperty("ciphertextRanges")[index];
        var v = VectorFiles.Case("stream.json", "cases", r.Text("stream"));
        var header = new SealedStreamHeader(v.Int("segmentSize"), v.Hex("salt"), v.Hex("noncePrefix"));
        using var view = new SealingReadStream(new MemoryStream(v.Hex("plaintext")), v.Hex("contentKey"), v.Text("fileId"), v.Text("contentId"), header);
        var start = r.Long("ciphertextStart");
        var buffer = new byte[r.Long("ciphertextEnd") - start];

        view.Position = start;
        await view.ReadExactlyAsync(buffer);

        Assert.Equal(r.Hex("ciphertext"), buffer);
    }
}
