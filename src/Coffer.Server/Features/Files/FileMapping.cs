using Coffer.Contracts.Files;
using Coffer.Server.Infrastructure.Security;

namespace Coffer.Server.Features.Files;

/// <summary>Entity → wire shape.</summary>
public static class FileMapping
{
    public static VersionDto ToDto(this FileVersion version) => new(
        version.Number,
        version.ContentId,
        version.CiphertextLength,
        Convert.ToHexStringLower(version.CiphertextSha256),
        version.CreatedAt,
        version.UploaderEmail,
        version.BasedOn,
        version.RestoredFrom,
        Base64Url.Encode(version.WrappedContentKey),
        Base64Url.Encode(version.SealedMetadata));

    public static FileDto ToDto(this StoredFile file, FileVersion current) => new(
        file.Id,
        file.FolderId,
        file.Extension,
        Base64Url.Encode(file.SealedName),
        Base64Url.Encode(file.WrappedFileKey),
        file.CreatedAt,
        file.UpdatedAt,
        file.TrashedAt,
        current.ToDto());
}
