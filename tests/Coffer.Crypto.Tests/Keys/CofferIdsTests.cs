using Coffer.Crypto.Keys;

namespace Coffer.Crypto.Tests.Keys;

public sealed class CofferIdsTests
{
    [Fact]
    public void NewUuid_IsCanonicalLowercaseVersion4()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => CofferIds.NewUuid()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
            Assert.True(CofferIds.IsUuid(id));
        });
    }

    [Theory]
    [InlineData("3F1C2A9E-8B7D-4C21-9A55-0E6F4B2D1C77")]
    [InlineData("{3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77}")]
    [InlineData("3f1c2a9e8b7d4c219a550e6f4b2d1c77")]
    [InlineData("")]
    public void IsUuid_RefusesNonCanonicalForms(string text) => Assert.False(CofferIds.IsUuid(text));

    [Fact]
    public void NewLinkId_Is22Base64UrlCharactersOf16RandomBytes()
    {
        var id = CofferIds.NewLinkId();

        Assert.Equal(22, id.Length);
        Assert.True(CofferIds.IsLinkId(id));
        Assert.NotEqual(id, CofferIds.NewLinkId());
        Assert.False(CofferIds.IsLinkId(id + "A"));
        Assert.False(CofferIds.IsLinkId(id.Replace(id[0], '+')));
    }
}
