using System.Text.Json.Nodes;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Metadata;
using static Coffer.Bench.Vectors.VectorGenerator;

namespace Coffer.Bench.Vectors;

internal static class BoxVectors
{
    public static JsonObject Build()
    {
        var linkId = Base64Url.Encode(Pattern(0x10, 16));
        var ek = Pattern(0x80, 32);
        var ak = Pattern(0x60, 32);
        var fk = Pattern(0x40, 32);
        var ck = Pattern(0x00, 32);
        var linkWrapKey = Pattern(0xa0, 32);
        var cases = new JsonArray();
        var nonceStart = 0xf0;

        void Add(string use, JsonObject ids, byte[] parentKey, byte[] boxKey, string? boxKeyInfo, string label, byte[] plaintext, string? plaintextText)
        {
            var nonce = Pattern(nonceStart++, 12);
            var box = Box.SealWithNonce(boxKey, plaintext, label, nonce);
            var entry = new JsonObject
            {
                ["name"] = use,
                ["use"] = use,
                ["ids"] = ids,
                ["parentKey"] = Hex(parentKey),
                ["boxKeyInfo"] = boxKeyInfo,
                ["boxKey"] = Hex(boxKey),
                ["label"] = label,
                ["nonce"] = Hex(nonce),
                ["plaintext"] = Hex(plaintext),
            };
            if (plaintextText is not null)
                entry["plaintextText"] = plaintextText;
            entry["box"] = Base64Url.Encode(box);
            entry["boxHex"] = Hex(box);
            cases.Add(entry);
        }

        Add("account-key", [], ek, ek, null, Labels.AccountKeyWrap, ak, null);
        Add("owner-file-key", new JsonObject { ["fileId"] = FileId }, ak, ak, null, Labels.OwnerFileKeyWrap(FileId), fk, null);
        Add("link-file-key", new JsonObject { ["linkId"] = linkId, ["fileId"] = FileId }, linkWrapKey, linkWrapKey, null, Labels.LinkFileKeyWrap(linkId, FileId), fk, null);
        Add("content-key", new JsonObject { ["fileId"] = FileId, ["contentId"] = ContentId }, fk, fk, null, Labels.ContentKeyWrap(FileId, ContentId), ck, null);
        const string fileName = "Quarterly report — é 📄.pdf";
        Add("file-name", new JsonObject { ["fileId"] = FileId }, fk, KeyDerivation.NameKey(fk), Labels.NameKeyInfo, Labels.FileName(FileId), CofferBoxes.Utf8(fileName), fileName);
        const string folderName = "Projets 2026";
        Add("folder-name", new JsonObject { ["folderId"] = FolderId }, ak, KeyDerivation.NameKey(ak), Labels.NameKeyInfo, Labels.FolderName(FolderId), CofferBoxes.Utf8(folderName), folderName);
        var metadata = VersionMetadataJson.Write(SampleMetadata(basedOn: 1));
        Add("metadata", new JsonObject { ["fileId"] = FileId, ["contentId"] = ContentId }, ck, KeyDerivation.MetadataKey(ck), Labels.MetadataKeyInfo, Labels.Metadata(FileId, ContentId), metadata, Utf8Text(metadata));
        var firstVersion = VersionMetadataJson.Write(SampleMetadata(basedOn: null));
        Add("metadata", new JsonObject { ["fileId"] = FileId, ["contentId"] = ContentId }, ck, KeyDerivation.MetadataKey(ck), Labels.MetadataKeyInfo, Labels.Metadata(FileId, ContentId), firstVersion, Utf8Text(firstVersion));
        cases[^1]!["name"] = "metadata-first-version";

        return new JsonObject
        {
            ["description"] = "CRYPTO.md §4–5. box = 0x01 ‖ nonce ‖ AES-256-GCM(boxKey, nonce, plaintext, ad = utf8(label)). boxKey = parentKey when boxKeyInfo is null, else HKDF(parentKey, empty salt, boxKeyInfo, 32). For metadata cases, plaintextText is the exact canonical JSON a writer must emit.",
            ["cases"] = cases,
        };
    }
}
