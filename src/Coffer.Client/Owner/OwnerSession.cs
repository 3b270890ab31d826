using Coffer.Client.Downloads;
using Coffer.Client.Files;
using Coffer.Client.Http;
using Coffer.Client.Links;
using Coffer.Client.State;
using Coffer.Client.Uploads;
using Coffer.Client.Versions;
using Coffer.Contracts.Accounts;
using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Crypto.Links;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using CryptoKdf = Coffer.Crypto.Keys.KdfParameters;
using WireKdf = Coffer.Contracts.Accounts.KdfParameters;

namespace Coffer.Client.Owner;

/// <summary>A file of the owner with its decrypted name and folder path.</summary>
public sealed record OwnedFile(FileDto File, string Name, string FolderPath);

/// <summary>A folder of the owner with its decrypted name and full path (<c>a/b/c</c>).</summary>
public sealed record OwnedFolder(FolderDto Folder, string Name, string Path);

/// <summary>What <see cref="OwnerSession.PutFileAsync"/> did: the file, the new version, and whether it resumed an earlier upload.</summary>
public sealed record PutResult(FileDto File, VersionDto Version, bool CreatedFile, long ResumedFrom);

/// <summary>A logged-in owner: the API with its token plus the account key, doing every crypto step of the owner flows.</summary>
public sealed class OwnerSession
{
    private readonly byte[] accountKey;

    public OwnerSession(OwnerApi api, byte[] accountKey, AccountDto account, StateDirectory state)
    {
        Api = api;
        this.accountKey = accountKey;
        Account = account;
        Uploads = new UploadStateStore(state);
        LogHeads = new AccessLogHeads(state);
    }

    public OwnerApi Api { get; }

    public AccountDto Account { get; }

    public UploadStateStore Uploads { get; }

    /// <summary>The access-log heads this machine saw intact (see <see cref="VerifyAccessLogAsync"/>).</summary>
    public AccessLogHeads LogHeads { get; }

    /// <summary>
    /// The server's walk of a link's hash chain, checked against the head this machine remembers from its last verification
    /// (which catches entries cut off the end); an intact log moves the remembered head.
    /// </summary>
    public async Task<AccessLogVerificationDto> VerifyAccessLogAsync(string linkId, CancellationToken cancellationToken = default)
    {
        var verdict = await Api.VerifyAccessLogAsync(linkId, cancellationToken);
        return await LogHeads.CheckAsync(linkId, verdict, (sequence, ct) => Api.GetAccessLogEntryAsync(linkId, sequence, ct), cancellationToken);
    }

    /// <summary>When the bearer session ends (known after <see cref="LoginAsync"/>).</summary>
    public DateTimeOffset? SessionExpiresAt { get; init; }

    /// <summary>The account key, for persisting the session (the caller must keep it private).</summary>
    public ReadOnlySpan<byte> AccountKey => accountKey;

    public int ChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Creates an account: new KDF parameters and account key; the server mails a confirmation code.</summary>
    public static async Task RegisterAsync(OwnerApi api, string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        var kdf = CryptoKdf.CreateNew();
        var (authKey, encryptionKey) = Derive(password, kdf);
        var wrapped = CofferBoxes.WrapAccountKey(encryptionKey, KeyDerivation.NewKey());
        await api.RegisterAsync(
            new RegisterRequest(AccountKeys.NormalizeEmail(email), new WireKdf(kdf.Algorithm, kdf.Iterations, kdf.Salt), Base64Url.Encode(authKey), Base64Url.Encode(wrapped)),
            cancellationToken);
    }

    /// <summary>Pre-login, derive, log in, unwrap the account key.</summary>
    public static async Task<OwnerSession> LoginAsync(OwnerApi api, string email, string password, StateDirectory state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        email = AccountKeys.NormalizeEmail(email);
        var prelogin = await api.PreloginAsync(email, cancellationToken);
        var kdf = new CryptoKdf(prelogin.Kdf.Algorithm, prelogin.Kdf.Iterations, prelogin.Kdf.Salt);
        var (authKey, encryptionKey) = Derive(password, kdf);
        var login = await api.LoginAsync(email, Base64Url.Encode(authKey), cancellationToken);
        var accountKey = CofferBoxes.UnwrapAccountKey(encryptionKey, Base64Url.Decode(login.Account.WrappedAccountKey));
        return new OwnerSession(api, accountKey, login.Account, state) { SessionExpiresAt = login.ExpiresAt };
    }

    public async Task<IReadOnlyList<OwnedFolder>> ListFoldersAsync(CancellationToken cancellationToken = default)
    {
        var folders = await Api.ListFoldersAsync(cancellationToken);
        var names = folders.ToDictionary(f => f.Id, f => OpenFolderName(f));
        var byId = folders.ToDictionary(f => f.Id);
        string PathOf(FolderDto folder)
        {
            var parts = new List<string>();
            var seen = new HashSet<Guid>();
            for (FolderDto? cursor = folder; cursor is not null && seen.Add(cursor.Id); cursor = cursor.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent : null)
                parts.Insert(0, names[cursor.Id]);
            return string.Join('/', parts);
        }

        return folders.Select(f => new OwnedFolder(f, names[f.Id], PathOf(f))).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Finds a folder by its path (<c>a/b</c>); null when none has it.</summary>
    public async Task<OwnedFolder?> FindFolderAsync(string path, CancellationToken cancellationToken = default)
    {
        var wanted = path.Trim('/');
        return (await ListFoldersAsync(cancellationToken)).FirstOrDefault(f => string.Equals(f.Path, wanted, StringComparison.Ordinal));
    }

    /// <summary>
    /// Creates a folder at <paramref name="path"/>. Its parent path must exist (or be the root) unless
    /// <paramref name="createParents"/> is set: then missing parents are created too, and an existing folder is returned as is.
    /// </summary>
    public async Task<OwnedFolder> CreateFolderAsync(string path, bool createParents = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
            throw new ArgumentException("A folder needs a name.", nameof(path));
        var existing = (await ListFoldersAsync(cancellationToken)).ToDictionary(f => f.Path, StringComparer.Ordinal);
        Guid? parentId = null;
        for (var depth = 0; depth < names.Length - 1; depth++)
        {
            var parentPath = string.Join('/', names[..(depth + 1)]);
            if (!existing.TryGetValue(parentPath, out var parent))
            {
                if (!createParents)
                    throw new CofferApiException(System.Net.HttpStatusCode.NotFound, "parent-not-found", null, $"No folder {parentPath}; create it first, or use --parents (-p) to create missing parents.");
                parent = await CreateOneFolderAsync(names[depth], parentPath, parentId, cancellationToken);
            }

            parentId = parent.Folder.Id;
        }

        var fullPath = string.Join('/', names);
        if (createParents && existing.TryGetValue(fullPath, out var folder))
            return folder;
        return await CreateOneFolderAsync(names[^1], fullPath, parentId, cancellationToken);
    }

    private async Task<OwnedFolder> CreateOneFolderAsync(string name, string path, Guid? parentId, CancellationToken cancellationToken)
    {
        var id = CofferIds.NewUuid();
        var sealedName = Base64Url.Encode(CofferBoxes.SealFolderName(accountKey, name, id));
        var folder = await Api.CreateFolderAsync(new CreateFolderRequest(Guid.Parse(id), parentId, sealedName), cancellationToken);
        return new OwnedFolder(folder, name, path);
    }

    public async Task<IReadOnlyList<OwnedFile>> ListFilesAsync(CancellationToken cancellationToken = default)
    {
        var folders = (await ListFoldersAsync(cancellationToken)).ToDictionary(f => f.Folder.Id, f => f.Path);
        var files = await Api.ListFilesAsync(cancellationToken: cancellationToken);
        return files.Select(f => new OwnedFile(f, OpenFileName(f), f.FolderId is { } id && folders.TryGetValue(id, out var p) ? p : string.Empty)).ToList();
    }

    /// <summary>The file's key, unwrapped with the account key.</summary>
    public byte[] FileKey(FileDto file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fileId = file.Id.ToString("D");
        return CofferBoxes.UnwrapFileKeyForOwner(accountKey, Base64Url.Decode(file.WrappedFileKey), fileId);
    }

    /// <summary>Every available version, newest first (all pages: on Enterprise that is the whole history).</summary>
    public async Task<IReadOnlyList<OpenedVersion>> ListVersionsAsync(FileDto file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fileKey = FileKey(file);
        var fileId = file.Id.ToString("D");
        var opened = new List<OpenedVersion>();
        await foreach (var version in Api.ListAllVersionsAsync(file.Id, cancellationToken))
            opened.Add(OpenedVersion.Open(fileKey, fileId, version));
        return opened;
    }

    /// <summary>One page of the available versions, newest first: numbers below <paramref name="before"/> (null: from the latest).</summary>
    public async Task<OpenedVersionPage> ListVersionPageAsync(FileDto file, int? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var page = await Api.ListVersionsAsync(file.Id, before, limit, cancellationToken);
        return OpenedVersionPage.Open(FileKey(file), file.Id.ToString("D"), page);
    }

    /// <summary>Version <paramref name="number"/> (the latest when null) when the plan makes it available; else null. Reads one row, however deep.</summary>
    public async Task<OpenedVersion?> FindVersionAsync(FileDto file, int? number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var version = await VersionPages.FindAsync((before, limit, ct) => Api.ListVersionsAsync(file.Id, before, limit, ct), number, cancellationToken);
        return version is null ? null : OpenedVersion.Open(FileKey(file), file.Id.ToString("D"), version);
    }

    /// <summary>
    /// Uploads <paramref name="path"/> into <paramref name="folderId"/> (null: the root): a new file, or a new version of the file
    /// of the same name there. An interrupted run resumes when called again with the same unchanged file.
    /// </summary>
    public async Task<PutResult> PutFileAsync(string path, Guid? folderId, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var name = System.IO.Path.GetFileName(System.IO.Path.GetFullPath(path));
        var extension = MediaTypes.Extension(name);
        var existing = (await ListFilesAsync(cancellationToken))
            .FirstOrDefault(f => f.File.FolderId == folderId && string.Equals(f.Name, name, StringComparison.Ordinal));
        var uploader = new SealedUploader(new TusClient(Api.Connection, "api/uploads"), Uploads) { ChunkSize = ChunkSize };
        if (existing is not null)
            return await PutVersionAsync(existing.File, path, name, extension, uploader, progress, cancellationToken);

        var scope = $"owner:{Account.Id:D}:new:{folderId?.ToString("D") ?? "root"}";
        var upload = await uploader.UploadAsync(
            scope, path, extension,
            () => SealedUploader.NewState(scope, path, CofferIds.NewUuid(), KeyDerivation.NewKey(), folderId?.ToString("D"), basedOn: null),
            progress, cancellationToken);
        var state = upload.State;
        var fileKey = Base64Url.Decode(state.FileKey, KeyDerivation.KeyLength);
        var sealedVersion = VersionSealing.Seal(upload, fileKey, name, Account.Email, basedOn: null);
        var request = new CreateFileRequest(
            Guid.Parse(state.FileId),
            folderId,
            extension,
            Base64Url.Encode(CofferBoxes.SealFileName(fileKey, name, state.FileId)),
            Base64Url.Encode(CofferBoxes.WrapFileKeyForOwner(accountKey, fileKey, state.FileId)),
            new NewVersionContent(upload.UploadId, Guid.Parse(state.ContentId), sealedVersion.WrappedContentKey, sealedVersion.SealedMetadata));
        var file = await Api.CreateFileAsync(request, cancellationToken);
        uploader.Forget(state);
        CheckServerHash(file.CurrentVersion, upload);
        return new PutResult(file, file.CurrentVersion, CreatedFile: true, upload.ResumedFrom);
    }

    /// <summary>
    /// Changes the password: a new KDF record and auth key, the same account key re-wrapped under the new EK (files stay
    /// readable); the server ends the other sessions.
    /// </summary>
    public async Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        var prelogin = await Api.PreloginAsync(Account.Email, cancellationToken);
        var (currentAuthKey, _) = Derive(currentPassword, new CryptoKdf(prelogin.Kdf.Algorithm, prelogin.Kdf.Iterations, prelogin.Kdf.Salt));
        var kdf = CryptoKdf.CreateNew();
        var (authKey, encryptionKey) = Derive(newPassword, kdf);
        var wrapped = CofferBoxes.WrapAccountKey(encryptionKey, accountKey);
        await Api.ChangePasswordAsync(
            new ChangePasswordRequest(Base64Url.Encode(currentAuthKey), new WireKdf(kdf.Algorithm, kdf.Iterations, kdf.Salt), Base64Url.Encode(authKey), Base64Url.Encode(wrapped)),
            cancellationToken);
    }

    /// <summary>A new version reusing version <paramref name="number"/>'s content ("make it current").</summary>
    public Task<CommitVersionResponse> MakeCurrentAsync(FileDto file, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Api.MakeCurrentAsync(file.Id, number, cancellationToken);
    }

    /// <summary>
    /// Downloads and verifies a version to <paramref name="outputPath"/> (a file path, or a directory: then the file's own
    /// sealed name, sanitized, is used — never the name whoever uploaded that version chose).
    /// </summary>
    public async Task<string> DownloadAsync(FileDto file, OpenedVersion version, string? outputPath, bool overwrite, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(version);
        var target = OutputPaths.Resolve(outputPath, TryOpenFileName(file), file.Extension);
        var source = DownloadSources.From(version, file.Id.ToString("D"), OwnerApi.ContentPath(file.Id, version.Version.Number));
        await new SealedDownloader(Api.Connection).DownloadAsync(source, target, overwrite, progress, cancellationToken);
        return target;
    }

    private async Task<PutResult> PutVersionAsync(FileDto file, string path, string name, string extension, SealedUploader uploader, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        if (!string.Equals(file.Extension, extension, StringComparison.Ordinal))
            throw new CofferApiException(System.Net.HttpStatusCode.UnprocessableEntity, "extension-mismatch", null, $"A new version must keep the .{file.Extension} format.");
        var fileId = file.Id.ToString("D");
        var scope = $"owner:{Account.Id:D}:file:{fileId}";
        var basedOn = file.CurrentVersion.Number;
        var upload = await uploader.UploadAsync(scope, path, extension, () => SealedUploader.NewState(scope, path, fileId, null, null, basedOn), progress, cancellationToken);
        var sealedVersion = VersionSealing.Seal(upload, FileKey(file), name, Account.Email, upload.State.BasedOn ?? basedOn);
        var response = await Api.CommitVersionAsync(
            file.Id,
            new CommitVersionRequest(upload.UploadId, Guid.Parse(upload.State.ContentId), extension, sealedVersion.WrappedContentKey, sealedVersion.SealedMetadata, sealedVersion.Metadata.BasedOn),
            cancellationToken);
        uploader.Forget(upload.State);
        CheckServerHash(response.Version, upload);
        return new PutResult(file, response.Version, CreatedFile: false, upload.ResumedFrom);
    }

    private static void CheckServerHash(VersionDto version, SealedUploadResult upload)
    {
        if (!string.Equals(version.CiphertextSha256, upload.CiphertextSha256, StringComparison.OrdinalIgnoreCase))
            throw new CofferApiException("The server stored different bytes than were sent (ciphertext SHA-256 differs).");
    }

    private static (byte[] AuthKey, byte[] EncryptionKey) Derive(string password, CryptoKdf kdf)
    {
        var masterKey = AccountKeys.DeriveMasterKey(password, kdf);
        try
        {
            return (AccountKeys.DeriveAuthKey(masterKey), AccountKeys.DeriveEncryptionKey(masterKey));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(masterKey);
        }
    }

    private string OpenFolderName(FolderDto folder)
    {
        try
        {
            return CofferBoxes.OpenFolderName(accountKey, Base64Url.Decode(folder.SealedName), folder.Id.ToString("D"));
        }
        catch (Crypto.Errors.CofferCryptoException)
        {
            return "(unreadable " + folder.Id.ToString("D")[..8] + ")";
        }
    }

    private string OpenFileName(FileDto file) => TryOpenFileName(file) ?? "(unreadable " + file.Id.ToString("D")[..8] + ")";

    private string? TryOpenFileName(FileDto file)
    {
        try
        {
            return CofferBoxes.OpenFileName(FileKey(file), Base64Url.Decode(file.SealedName), file.Id.ToString("D"));
        }
        catch (Crypto.Errors.CofferCryptoException)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates a link to <paramref name="file"/>: a fresh secret and link id, the file key wrapped for the link, only the auth
    /// token's hash sent. Returns the link and its full URL (with the secret in the fragment, which never reaches the server).
    /// </summary>
    public async Task<(LinkDto Link, string Url)> CreateLinkAsync(FileDto file, CreateLinkOptions options, string serverBaseAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        var fileId = file.Id.ToString("D");
        var linkId = CofferIds.NewLinkId();
        var secret = LinkKeys.NewSecret();
        var wrapKey = LinkKeys.DeriveWrapKey(secret, linkId);
        var wrapped = CofferBoxes.WrapFileKeyForLink(wrapKey, FileKey(file), linkId, fileId);
        var tokenHash = LinkKeys.HashAuthToken(LinkKeys.DeriveAuthToken(secret, linkId));
        var request = new CreateLinkRequest(
            linkId,
            file.Id,
            options.Modify ? LinkPermissions.Modify : LinkPermissions.Access,
            Base64Url.Encode(wrapped),
            Base64Url.Encode(tokenHash),
            options.AccessLog,
            options.RequireEmail,
            options.DisableDownload,
            options.Watermark,
            options.ExpiresAt,
            options.OpenLimit,
            options.NotifyOwner);
        var link = await Api.CreateLinkAsync(request, cancellationToken);
        return (link, LinkUrl.Build(serverBaseAddress, linkId, secret));
    }
}

/// <summary>The choices of a new link; null options take the server's defaults.</summary>
public sealed record CreateLinkOptions(
    bool Modify,
    bool? NotifyOwner = null,
    DateTimeOffset? ExpiresAt = null,
    bool? AccessLog = null,
    bool? RequireEmail = null,
    bool? DisableDownload = null,
    bool? Watermark = null,
    int? OpenLimit = null);
