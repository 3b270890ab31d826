using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Links;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Vectors;

public sealed class LinkVectorTests
{
    public static TheoryData<string> Cases => VectorFiles.Names("link.json", "cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Derivations_ReproduceTheVector(string name)
    {
        var v = VectorFiles.Case("link.json", "cases", name);
        var secret = v.Hex("secret");
        var linkId = v.Text("linkId");

        var wrapKey = LinkKeys.DeriveWrapKey(secret, linkId);
        var token = LinkKeys.DeriveAuthToken(secret, linkId);

        Assert.Equal(v.Hex("wrapKey"), wrapKey);
        Assert.Equal(v.Hex("authToken"), token);
        Assert.Equal(v.Text("authTokenBase64Url"), Base64Url.Encode(token));
        Assert.Equal(v.Hex("authTokenSha256"), LinkKeys.HashAuthToken(token));
        Assert.True(LinkKeys.VerifyAuthToken(token, v.Hex("authTokenSha256")));
        Assert.False(LinkKeys.VerifyAuthToken(wrapKey, v.Hex("authTokenSha256")));
        Assert.Equal(v.Text("fileKeyLabel"), Labels.LinkFileKeyWrap(linkId, v.Text("fileId")));
        Assert.Equal(v.Hex("fileKey"), CofferBoxes.UnwrapFileKeyForLink(wrapKey, Base64Url.Decode(v.Text("wrappedFileKey")), linkId, v.Text("fileId")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Url_BuildsAndParsesBackToTheVector(string name)
    {
        var v = VectorFiles.Case("link.json", "cases", name);

        var url = LinkUrl.Build(v.Text("baseAddress"), v.Text("linkId"), v.Hex("secret"));
        Assert.True(LinkUrl.TryParse(url, out var address));

        Assert.Equal(v.Text("url"), url);
        Assert.Equal(v.Text("baseAddress"), address.BaseAddress);
        Assert.Equal(v.Text("linkId"), address.LinkId);
        Assert.Equal(v.Hex("secret"), address.Secret);
        Assert.Equal(v.Text("secretBase64Url"), Base64Url.Encode(address.Secret));
    }
}
