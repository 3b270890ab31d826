using Coffer.Client.Uploads;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Metadata;

namespace Coffer.Client.Versions;

/// <summary>The wrapped content key and sealed metadata of a finished upload, as a commit sends them.</summary>
public sealed record SealedVersion(string WrappedContentKey, string SealedMetadata, VersionMetadata Metadata);

/// <summary>Builds the commit's sealed parts from an upload result.</summary>
public static class VersionSealing
{
    public static SealedVersion Seal(SealedUploadResult upload, ReadOnlySpan<byte> fileKey, string name, string uploaderEmail, int? basedOn)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var state = upload.State;
        var contentKey = Base64Url.Decode(state.ContentKey, KeyDerivation.KeyLength);
        var metadata = new VersionMetadata(
            Name: name,
            Size: upload.PlaintextLength,
            Sha256: upload.PlaintextSha256,
            MediaType: Files.MediaTypes.ForFileName(name),
            Modified: new DateTimeOffset(new DateTime(state.FileModifiedTicks, DateTimeKind.Utc)),
            Uploader: AccountKeys.NormalizeEmail(uploaderEmail),
            CiphertextSha256: upload.CiphertextSha256,
            BasedOn: basedOn);
        var wrapped = CofferBoxes.WrapContentKey(fileKey, contentKey, state.FileId, state.ContentId);
        var sealedMetadata = MetadataBox.Seal(contentKey, metadata, state.FileId, state.ContentId);
        return new SealedVersion(Base64Url.Encode(wrapped), Base64Url.Encode(sealedMetadata), metadata);
    }
}
