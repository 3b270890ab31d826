using Coffer.Crypto.Codecs;
using Coffer.Crypto.Errors;

namespace Coffer.Crypto.Tests.Codecs;

public sealed class Base64UrlTests
{
    [Theory]
    [InlineData(new byte[0], "")]
    [InlineData(new byte[] { 0xfb }, "-w")]
    [InlineData(new byte[] { 0xfb, 0xff }, "-_8")]
    [InlineData(new byte[] { 0xfb, 0xff, 0xbf }, "-_-_")]
    public void EncodeAndDecode_AreInverse(byte[] bytes, string text)
    {
        Assert.Equal(text, Base64Url.Encode(bytes));
        Assert.Equal(bytes, Base64Url.Decode(text));
    }

    [Theory]
    [InlineData("AA==")]
    [InlineData("AA=")]
    [InlineData("+w")]
    [InlineData("/w")]
    [InlineData("AA AA")]
    [InlineData("AAAA\n")]
    [InlineData("A")]
    [InlineData("AB")]
    [InlineData("é")]
    public void Decode_RefusesPaddingWhiteSpaceForeignAndNonCanonicalText(string text)
    {
        Assert.False(Base64Url.TryDecode(text, out _));
        Assert.Equal(CryptoErrorKind.InvalidEncoding, Assert.Throws<CofferCryptoException>(() => Base64Url.Decode(text)).Kind);
    }

    [Fact]
    public void Decode_WithExpectedLength_RefusesOtherLengths() =>
        Assert.Equal(CryptoErrorKind.InvalidEncoding, Assert.Throws<CofferCryptoException>(() => Base64Url.Decode("AAAA", 32)).Kind);
}
