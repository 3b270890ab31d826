using System.Security.Cryptography;
using System.Text;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Metadata;

namespace Coffer.Crypto.Tests.Metadata;

public sealed class VersionMetadataJsonTests
{
    private static readonly VersionMetadata Sample = new("a.pdf", 5, new string('a', 64), "application/pdf", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero), "bob@example.com", new string('b', 64), null);

    [Fact]
    public void Read_AcceptsAnyKeyOrderAndIgnoresUnknownKeys()
    {
        const string json = """{"basedOn":3,"extra":{"x":[1]},"uploader":"bob@example.com","ciphertextSha256":"bb","modified":"2026-01-02T03:04:05.006Z","mediaType":"text/plain","sha256":"aa","size":12,"name":"n","v":1}""";

        var metadata = VersionMetadataJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(new VersionMetadata("n", 12, "aa", "text/plain", Sample.Modified, "bob@example.com", "bb", 3), metadata);
    }

    [Fact]
    public void Read_RefusesAnotherVersion()
    {
        var json = Encoding.UTF8.GetString(VersionMetadataJson.Write(Sample)).Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal);

        Assert.Equal(CryptoErrorKind.UnknownFormatVersion, Assert.Throws<CofferCryptoException>(() => VersionMetadataJson.Read(Encoding.UTF8.GetBytes(json))).Kind);
    }

    [Theory]
    [InlineData("""{"v":1}""")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("""{"v":1,"name":5,"size":1,"sha256":"a","mediaType":"b","modified":"2026-01-02T03:04:05.006Z","uploader":"c","ciphertextSha256":"d","basedOn":null}""")]
    public void Read_RefusesMalformedRecords(string json) =>
        Assert.Equal(CryptoErrorKind.InvalidEncoding, Assert.Throws<CofferCryptoException>(() => VersionMetadataJson.Read(Encoding.UTF8.GetBytes(json))).Kind);

    [Fact]
    public void Write_EscapesLikeJsonStringify_AndWritesTimesInUtcWithMilliseconds()
    {
        var metadata = Sample with { Name = "a\"b\\c\u0001\n/<é>", Modified = new DateTimeOffset(2026, 1, 2, 5, 4, 5, 6, TimeSpan.FromHours(2)) };

        var json = Encoding.UTF8.GetString(VersionMetadataJson.Write(metadata));

        Assert.Contains("\"name\":\"a\\\"b\\\\c\\u0001\\n/<é>\"", json, StringComparison.Ordinal);
        Assert.Contains("\"modified\":\"2026-01-02T03:04:05.006Z\"", json, StringComparison.Ordinal);
        Assert.EndsWith(",\"basedOn\":null}", json, StringComparison.Ordinal);
        Assert.Equal(metadata with { Modified = metadata.Modified.ToUniversalTime() }, VersionMetadataJson.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void MetadataBox_MovedToAnotherContent_DoesNotOpen()
    {
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var box = MetadataBox.Seal(contentKey, Sample, "3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77", "9b2e4f10-5c3a-4d8e-b1f7-2a6c8e0d4b93");

        Assert.Equal(Sample, MetadataBox.Open(contentKey, box, "3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77", "9b2e4f10-5c3a-4d8e-b1f7-2a6c8e0d4b93"));
        var error = Assert.Throws<CofferCryptoException>(() => MetadataBox.Open(contentKey, box, "3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77", "00000000-0000-4000-8000-000000000000"));
        Assert.Equal(CryptoErrorKind.AuthenticationFailed, error.Kind);
    }
}
