using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Links;

namespace Coffer.Crypto.Tests.Links;

public sealed class LinkUrlTests
{
    private static readonly string LinkId = CofferIds.NewLinkId();
    private static readonly string Secret = Base64Url.Encode(LinkKeys.NewSecret());

    [Fact]
    public void Build_IgnoresATrailingSlashOnTheBaseAddress() =>
        Assert.Equal($"https://h.example/l/{LinkId}#{Secret}", LinkUrl.Build("https://h.example/", LinkId, Base64Url.Decode(Secret)));

    [Fact]
    public void TryParse_AcceptsLocalhostOverHttpWithAPort()
    {
        Assert.True(LinkUrl.TryParse($"http://127.0.0.1:5080/l/{LinkId}#{Secret}", out var address));

        Assert.Equal("http://127.0.0.1:5080", address.BaseAddress);
        Assert.Equal(LinkId, address.LinkId);
    }

    [Theory]
    [InlineData("https://h.example/l/{id}")]
    [InlineData("https://h.example/l/{id}#")]
    [InlineData("https://h.example/l/{id}#AAAA")]
    [InlineData("https://h.example/x/{id}#{secret}")]
    [InlineData("https://h.example/l/{id}x#{secret}")]
    [InlineData("ftp://h.example/l/{id}#{secret}")]
    [InlineData("/l/{id}#{secret}")]
    [InlineData("https://h.example/l/{id}#{secret}=")]
    public void TryParse_RefusesMalformedLinks(string template)
    {
        var url = template.Replace("{id}", LinkId, StringComparison.Ordinal).Replace("{secret}", Secret, StringComparison.Ordinal);

        Assert.False(LinkUrl.TryParse(url, out _));
    }
}
