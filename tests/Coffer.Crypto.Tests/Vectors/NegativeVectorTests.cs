using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Vectors;

public sealed class NegativeVectorTests
{
    public static TheoryData<string> Streams => VectorFiles.Names("negative.json", "streams");

    public static TheoryData<string> Boxes => VectorFiles.Names("negative.json", "boxes");

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task Open_RefusesTheStreamWithTheExpectedKind(string name)
    {
        var v = VectorFiles.Case("negative.json", "streams", name);
        var expected = Enum.Parse<CryptoErrorKind>(v.Text("expectedError"));

        var error = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.OpenAsync(v.Hex("ciphertext"), v.Hex("contentKey"), v.Text("fileId"), v.Text("contentId")));
        var forwardOnlyError = await Assert.ThrowsAsync<CofferCryptoException>(() => Sealed.OpenAsync(v.Hex("ciphertext"), v.Hex("contentKey"), v.Text("fileId"), v.Text("contentId"), forwardOnly: true));

        Assert.Equal(expected, error.Kind);
        Assert.Equal(expected, forwardOnlyError.Kind);
    }

    [Theory]
    [MemberData(nameof(Boxes))]
    public void Open_RefusesTheBoxWithTheExpectedKind(string name)
    {
        var v = VectorFiles.Case("negative.json", "boxes", name);

        var error = Assert.Throws<CofferCryptoException>(() => Box.Open(v.Hex("key"), Base64Url.Decode(v.Text("box")), v.Text("label")));

        Assert.Equal(Enum.Parse<CryptoErrorKind>(v.Text("expectedError")), error.Kind);
    }
}
