using Coffer.Contracts.Files;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Metadata;

namespace Coffer.Client.Versions;

/// <summary>A version with its content key and sealed metadata opened; <see cref="Problem"/> says why not when they do not open.</summary>
public sealed record OpenedVersion(VersionDto Version, byte[]? ContentKey, VersionMetadata? Metadata, string? Problem)
{
    /// <summary>
    /// False when the server's uploader differs from the one sealed in the metadata of an original upload (a restored version
    /// reuses the original's metadata, so there the restorer legitimately differs).
    /// </summary>
    public bool UploaderConsistent =>
        Metadata is null || Version.RestoredFrom is not null || string.Equals(Metadata.Uploader, Version.Uploader, StringComparison.OrdinalIgnoreCase);

    /// <summary>Unwraps CK with the file key and opens the metadata; never throws for bad data.</summary>
    public static OpenedVersion Open(ReadOnlySpan<byte> fileKey, string fileId, VersionDto version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var contentId = version.ContentId.ToString("D");
        try
        {
            var contentKey = CofferBoxes.UnwrapContentKey(fileKey, Base64Url.Decode(version.WrappedContentKey), fileId, contentId);
            var metadata = MetadataBox.Open(contentKey, Base64Url.Decode(version.SealedMetadata), fileId, contentId);
            var problem = string.Equals(metadata.CiphertextSha256, version.CiphertextSha256, StringComparison.OrdinalIgnoreCase)
                ? null
                : "the server's ciphertext hash differs from the sealed one";
            return new OpenedVersion(version, contentKey, metadata, problem);
        }
        catch (CofferCryptoException e)
        {
            return new OpenedVersion(version, null, null, "its keys or metadata do not open: " + e.Message);
        }
    }
}

/// <summary>One page of opened versions, newest first, with the list's counts and the cursor of the next (older) page.</summary>
public sealed record OpenedVersionPage(IReadOnlyList<OpenedVersion> Versions, int Latest, int AvailableCount, int HiddenCount, int? NextBefore)
{
    public static OpenedVersionPage Open(ReadOnlySpan<byte> fileKey, string fileId, VersionListDto page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var opened = new List<OpenedVersion>(page.Versions.Count);
        foreach (var version in page.Versions)
            opened.Add(OpenedVersion.Open(fileKey, fileId, version));
        return new OpenedVersionPage(opened, page.Latest, page.AvailableCount, page.HiddenCount, page.NextBefore);
    }
}
