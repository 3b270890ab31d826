using Coffer.Crypto.Boxes;
using Coffer.Crypto.Keys;

namespace Coffer.Crypto.Metadata;

/// <summary>Seals and opens a version's metadata under the key derived from its content key, bound to the file and content.</summary>
public static class MetadataBox
{
    public static byte[] Seal(ReadOnlySpan<byte> contentKey, VersionMetadata metadata, string fileId, string contentId) =>
        Box.Seal(KeyDerivation.MetadataKey(contentKey), VersionMetadataJson.Write(metadata), Labels.Metadata(fileId, contentId));

    public static VersionMetadata Open(ReadOnlySpan<byte> contentKey, ReadOnlySpan<byte> box, string fileId, string contentId) =>
        VersionMetadataJson.Read(Box.Open(KeyDerivation.MetadataKey(contentKey), box, Labels.Metadata(fileId, contentId)));
}
