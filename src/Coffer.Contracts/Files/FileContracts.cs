namespace Coffer.Contracts.Files;

/// <summary>Creates a folder with a client-chosen id and a sealed name.</summary>
public sealed record CreateFolderRequest(Guid Id, Guid? ParentId, string SealedName);

/// <summary>Renames a folder.</summary>
public sealed record RenameRequest(string SealedName);

/// <summary>Moves a folder under another folder (<c>null</c>: to the root).</summary>
public sealed record MoveFolderRequest(Guid? ParentId);

/// <summary>Moves a file into a folder (<c>null</c>: to the root).</summary>
public sealed record MoveFileRequest(Guid? FolderId);

/// <summary>A folder of the owner.</summary>
public sealed record FolderDto(Guid Id, Guid? ParentId, string SealedName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The content of a new version: a completed upload with its wrapped content key and sealed metadata.</summary>
public sealed record NewVersionContent(string UploadId, Guid ContentId, string WrappedContentKey, string SealedMetadata);

/// <summary>Creates a file with its first version.</summary>
public sealed record CreateFileRequest(
    Guid Id,
    Guid? FolderId,
    string Extension,
    string SealedName,
    string WrappedFileKey,
    NewVersionContent Version);

/// <summary>A file of the owner with its current (latest) version.</summary>
public sealed record FileDto(
    Guid Id,
    Guid? FolderId,
    string Extension,
    string SealedName,
    string WrappedFileKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? TrashedAt,
    VersionDto CurrentVersion);

/// <summary>Commits a completed upload as the file's next version.</summary>
public sealed record CommitVersionRequest(
    string UploadId,
    Guid ContentId,
    string Extension,
    string WrappedContentKey,
    string SealedMetadata,
    int? BasedOn);

/// <summary>The committed version, the latest number before it, and whether it was based on that latest version.</summary>
public sealed record CommitVersionResponse(VersionDto Version, int LatestBefore, bool BasedOnLatest);

/// <summary>One immutable version of a file.</summary>
public sealed record VersionDto(
    int Number,
    Guid ContentId,
    long CiphertextLength,
    string CiphertextSha256,
    DateTimeOffset CreatedAt,
    string Uploader,
    int? BasedOn,
    int? RestoredFrom,
    string WrappedContentKey,
    string SealedMetadata);

/// <summary>
/// One page of the versions the plan makes available, newest first: <c>Latest</c> is the newest version number,
/// <c>AvailableCount</c> how many versions the plan's window holds, <c>HiddenCount</c> how many older ones are kept but hidden,
/// and <c>NextBefore</c> the <c>before</c> value of the next (older) page, or null when this page reaches the window's end.
/// </summary>
public sealed record VersionListDto(IReadOnlyList<VersionDto> Versions, int Latest, int HiddenCount, int AvailableCount, int? NextBefore);
