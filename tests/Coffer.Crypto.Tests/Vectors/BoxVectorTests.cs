using System.Text.Json;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Metadata;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Vectors;

public sealed class BoxVectorTests
{
    public static TheoryData<string> Cases => VectorFiles.Names("boxes.json", "cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Seal_WithTheVectorNonce_ReproducesTheBoxExactly(string name)
    {
        var v = VectorFiles.Case("boxes.json", "cases", name);
        var parentKey = v.Hex("parentKey");
        var info = v.GetProperty("boxKeyInfo").GetString();
        var boxKey = info is null ? parentKey : KeyDerivation.Hkdf(parentKey, [], info);

        var box = Box.SealWithNonce(boxKey, v.Hex("plaintext"), v.Text("label"), v.Hex("nonce"));

        Assert.Equal(v.Hex("boxKey"), boxKey);
        Assert.Equal(v.Hex("boxHex"), box);
        Assert.Equal(v.Text("box"), Base64Url.Encode(box));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LabelBuilderAndUseSpecificOpener_AgreeWithTheVector(string name)
    {
        var v = VectorFiles.Case("boxes.json", "cases", name);
        var ids = v.GetProperty("ids");
        string Id(string key) => ids.GetProperty(key).GetString()!;
        var parentKey = v.Hex("parentKey");
        var box = Base64Url.Decode(v.Text("box"));
        var plaintext = v.Hex("plaintext");

        switch (v.Text("use"))
        {
            case "account-key":
                Assert.Equal(Labels.AccountKeyWrap, v.Text("label"));
                Assert.Equal(plaintext, CofferBoxes.UnwrapAccountKey(parentKey, box));
                break;
            case "owner-file-key":
                Assert.Equal(Labels.OwnerFileKeyWrap(Id("fileId")), v.Text("label"));
                Assert.Equal(plaintext, CofferBoxes.UnwrapFileKeyForOwner(parentKey, box, Id("fileId")));
                break;
            case "link-file-key":
                Assert.Equal(Labels.LinkFileKeyWrap(Id("linkId"), Id("fileId")), v.Text("label"));
                Assert.Equal(plaintext, CofferBoxes.UnwrapFileKeyForLink(parentKey, box, Id("linkId"), Id("fileId")));
                break;
            case "content-key":
                Assert.Equal(Labels.ContentKeyWrap(Id("fileId"), Id("contentId")), v.Text("label"));
                Assert.Equal(plaintext, CofferBoxes.UnwrapContentKey(parentKey, box, Id("fileId"), Id("contentId")));
                break;
            case "file-name":
                Assert.Equal(Labels.FileName(Id("fileId")), v.Text("label"));
                Assert.Equal(v.Text("plaintextText"), CofferBoxes.OpenFileName(parentKey, box, Id("fileId")));
                break;
            case "folder-name":
                Assert.Equal(Labels.FolderName(Id("folderId")), v.Text("label"));
                Assert.Equal(v.Text("plaintextText"), CofferBoxes.OpenFolderName(parentKey, box, Id("folderId")));
                break;
            case "metadata":
                Assert.Equal(Labels.Metadata(Id("fileId"), Id("contentId")), v.Text("label"));
                var metadata = MetadataBox.Open(parentKey, box, Id("fileId"), Id("contentId"));
                Assert.Equal(plaintext, VersionMetadataJson.Write(metadata));
                Assert.Equal(v.Text("plaintextText"), System.Text.Encoding.UTF8.GetString(plaintext));
                break;
            default:
                Assert.Fail("Unknown use " + v.Text("use"));
                break;
        }
    }

    [Fact]
    public void MetadataVectors_AreValidJsonWithTheSpecKeysInOrder()
    {
        var metadata = VectorFiles.Load("boxes.json").GetProperty("cases").EnumerateArray().Where(c => c.Text("use") == "metadata").ToList();

        Assert.Equal(2, metadata.Count);
        foreach (var v in metadata)
        {
            using var document = JsonDocument.Parse(v.Text("plaintextText"));
            Assert.Equal(
                ["v", "name", "size", "sha256", "mediaType", "modified", "uploader", "ciphertextSha256", "basedOn"],
                document.RootElement.EnumerateObject().Select(p => p.Name));
        }
    }
}
