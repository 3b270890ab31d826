using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Coffer.Client.Downloads;
using Coffer.Client.Events;
using Coffer.Client.Files;
using Coffer.Client.Http;
using Coffer.Client.State;
using Coffer.Client.Uploads;
using Coffer.Client.Versions;
using Coffer.Contracts;
using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Links;

namespace Coffer.Client.Recipients;

/// <summary>
/// The recipient's view of a link with its file key unwrapped and name opened; <see cref="Versions"/> is the first page of
/// the available versions (<c>Info.Versions.NextBefore</c> names the next).
/// </summary>
public sealed record OpenedLink(LinkInfoDto Info, string Name, IReadOnlyList<OpenedVersion> Versions)
{
    public byte[] FileKey { get; init; } = [];
}

/// <summary>What a push did: the committed version and whether it was based on the latest one.</summary>
public sealed record PushResult(CommitVersionResponse Commit, long ResumedFrom);

/// <summary>A recipient holding a link (its URL, with the secret) and perhaps a link session: every recipient flow with its crypto.</summary>
public sealed class RecipientSession
{
    /// <summary>The <see cref="OpenedLink.Name"/> shown when the sealed name does not open.</summary>
    public const string UnreadableName = "(unreadable name)";

    private readonly LinkAddress address;
    private readonly StateDirectory state;

    public RecipientSession(HttpClient http, LinkAddress address, StateDirectory state, string? sessionToken = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        this.address = address;
        this.state = state;
        Api = new RecipientApi(http, address.LinkId, address.Secret, sessionToken);
    }

    public RecipientApi Api { get; }

    public string LinkId => address.LinkId;

    public int ChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Opens a link session: when the link requires email, mails a code to <paramref name="email"/> and asks
    /// <paramref name="readCode"/> for it. Returns the session (its token is kept in <see cref="RecipientApi.SessionToken"/>).
    /// </summary>
    public async Task<LinkSessionDto> OpenAsync(string? email, Func<CancellationToken, Task<string>> readCode, CancellationToken cancellationToken = default) =>
        await OpenAsync(email, readCode, knownCode: null, cancellationToken);

    /// <summary>
    /// Opens the link: with a <paramref name="knownCode"/> (one already mailed by an earlier request, as a script that read the
    /// mail has it) no new code is requested, since a new one would replace it; otherwise a code is mailed and
    /// <paramref name="readCode"/> asked for it.
    /// </summary>
    public async Task<LinkSessionDto> OpenAsync(string? email, Func<CancellationToken, Task<string>> readCode, string? knownCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readCode);
        var gate = await Api.GateAsync(cancellationToken);
        if (!gate.RequireEmail)
            return await Api.OpenSessionAsync(null, null, cancellationToken);
        if (string.IsNullOrWhiteSpace(email))
            throw new ArgumentException("This link requires an email address.", nameof(email));
        email = AccountKeys.NormalizeEmail(email);
        if (!string.IsNullOrWhiteSpace(knownCode))
            return await Api.OpenSessionAsync(email, knownCode.Trim(), cancellationToken);
        await Api.RequestCodeAsync(email, cancellationToken);
        var code = await readCode(cancellationToken);
        return await Api.OpenSessionAsync(email, code.Trim(), cancellationToken);
    }

    public async Task<OpenedLink> GetAsync(CancellationToken cancellationToken = default)
    {
        var info = await Api.InfoAsync(cancellationToken);
        var fileKey = FileKey(info);
        var fileId = info.FileId.ToString("D");
        string name;
        try
        {
            name = CofferBoxes.OpenFileName(fileKey, Base64Url.Decode(info.SealedName), fileId);
        }
        catch (Crypto.Errors.CofferCryptoException)
        {
            name = UnreadableName;
        }

        return new OpenedLink(info, name, info.Versions.Versions.Select(v => OpenedVersion.Open(fileKey, fileId, v)).ToList()) { FileKey = fileKey };
    }

    /// <summary>One page of the available versions, newest first: numbers below <paramref name="before"/> (null: from the latest).</summary>
    public async Task<OpenedVersionPage> ListVersionPageAsync(OpenedLink link, int? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var page = await Api.VersionsAsync(before, limit, cancellationToken);
        return OpenedVersionPage.Open(link.FileKey, link.Info.FileId.ToString("D"), page);
    }

    /// <summary>Every available version, newest first (all pages).</summary>
    public async Task<IReadOnlyList<OpenedVersion>> ListVersionsAsync(OpenedLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var fileId = link.Info.FileId.ToString("D");
        var opened = new List<OpenedVersion>();
        await foreach (var version in Api.AllVersionsAsync(cancellationToken))
            opened.Add(OpenedVersion.Open(link.FileKey, fileId, version));
        return opened;
    }

    /// <summary>Version <paramref name="number"/> (the latest when null) when available; from the first page when it is there, else one row by number.</summary>
    public async Task<OpenedVersion?> FindVersionAsync(OpenedLink link, int? number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var listed = number is { } n ? link.Versions.FirstOrDefault(v => v.Version.Number == n) : link.Versions.FirstOrDefault();
        if (listed is not null || (number is null && link.Versions.Count == 0))
            return listed;
        var version = await VersionPages.FindAsync((before, limit, ct) => Api.VersionsAsync(before, limit, ct), number, cancellationToken);
        return version is null ? null : OpenedVersion.Open(link.FileKey, link.Info.FileId.ToString("D"), version);
    }

    /// <summary>Downloads and verifies a version (the latest when <paramref name="number"/> is null); returns the written path.</summary>
    public async Task<string> DownloadAsync(int? number, string? outputPath, bool overwrite, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var link = await GetAsync(cancellationToken);
        var version = await FindVersionAsync(link, number, cancellationToken)
            ?? throw new CofferApiException(HttpStatusCode.NotFound, "version-not-available", null, $"Version {number} is not available.");
        // The link's sealed file name, not the name the uploader of this version chose.
        var target = OutputPaths.Resolve(outputPath, link.Name == UnreadableName ? null : link.Name, link.Info.Extension);
        var source = DownloadSources.From(version, link.Info.FileId.ToString("D"), Api.ContentPath(version.Version.Number));
        await new SealedDownloader(Api.Connection).DownloadAsync(source, target, overwrite, progress, cancellationToken);
        return target;
    }

    /// <summary>
    /// Refuses a file of another format than the link's (extension, then content signature) before any byte is sent;
    /// null when the file may be pushed, else the reason.
    /// </summary>
    public static string? CheckFormat(string path, string linkExtension)
    {
        var extension = MediaTypes.Extension(path);
        if (!string.Equals(extension, linkExtension, StringComparison.Ordinal))
        {
            return linkExtension.Length == 0
                ? $"This link's file has no extension; {Path.GetFileName(path)} has .{extension}. A new version must keep the same format."
                : $"This link's file is a .{linkExtension} file; {Path.GetFileName(path)} is {(extension.Length == 0 ? "without extension" : "." + extension)}. A new version must keep the same format.";
        }

        return FileSignatures.Check(path, extension);
    }

    /// <summary>Uploads a new version through the cooperative link, resuming an interrupted push of the same unchanged file.</summary>
    public async Task<PushResult> PushAsync(string path, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var info = await Api.InfoAsync(cancellationToken);
        if (!info.CanUpload)
            throw new CofferApiException(HttpStatusCode.Forbidden, info.Cooperative ? "forbidden" : "link-not-cooperative", null,
                info.Cooperative ? "This link does not take new versions right now." : "This is a plain (can access) link: it does not take new versions.");
        if (CheckFormat(path, info.Extension) is { } refusal)
            throw new FormatRefusedException(refusal);
        var email = info.Email ?? throw new CofferApiException(HttpStatusCode.Unauthorized, "unauthenticated", null, "Open the link with your email first (coffer open).");
        var fileKey = FileKey(info);
        var fileId = info.FileId.ToString("D");
        var scope = "link:" + LinkId;
        var basedOn = info.Versions.Latest;
        var uploader = new SealedUploader(new TusClient(Api.Connection, Api.UploadsPath), new UploadStateStore(state)) { ChunkSize = ChunkSize };
        var upload = await uploader.UploadAsync(scope, path, info.Extension, () => SealedUploader.NewState(scope, path, fileId, null, null, basedOn), progress, cancellationToken);
        var name = Path.GetFileName(Path.GetFullPath(path));
        var sealedVersion = VersionSealing.Seal(upload, fileKey, name, email, upload.State.BasedOn ?? basedOn);
        var commit = await Api.CommitVersionAsync(
            new CommitVersionRequest(upload.UploadId, Guid.Parse(upload.State.ContentId), info.Extension, sealedVersion.WrappedContentKey, sealedVersion.SealedMetadata, sealedVersion.Metadata.BasedOn),
            cancellationToken);
        uploader.Forget(upload.State);
        if (!string.Equals(commit.Version.CiphertextSha256, upload.CiphertextSha256, StringComparison.OrdinalIgnoreCase))
            throw new CofferApiException("The server stored different bytes than were sent (ciphertext SHA-256 differs).");
        return new PushResult(commit, upload.ResumedFrom);
    }

    public Task<CommitVersionResponse> MakeCurrentAsync(int number, CancellationToken cancellationToken = default) => Api.MakeCurrentAsync(number, cancellationToken);

    /// <summary>
    /// Follows the link's event stream, yielding each new version; reconnects with Last-Event-ID after a dropped connection.
    /// <paramref name="connected"/> runs each time the server has accepted the subscription (events from then on are seen).
    /// </summary>
    public async IAsyncEnumerable<VersionAddedEvent> WatchAsync(Action? connected = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? lastEventId = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var request = Api.Connection.Request(HttpMethod.Get, Api.EventsPath);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is not null)
                request.Headers.Add("Last-Event-ID", lastEventId);
            HttpResponseMessage response;
            try
            {
                response = await Api.Connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception e) when (RetryPolicy.IsTransient(e, cancellationToken) && ++failures < RetryPolicy.Default.MaxAttempts)
            {
                await Task.Delay(RetryPolicy.Default.DelayFor(failures), cancellationToken);
                continue;
            }

            using (response)
            {
                await ApiConnection.EnsureSuccessAsync(response, cancellationToken);
                failures = 0;
                connected?.Invoke();
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using (stream)
                {
                    var events = ServerSentEventReader.ReadAsync(stream, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    await using (events)
                    {
                        while (true)
                        {
                            bool more;
                            try
                            {
                                more = await events.MoveNextAsync();
                            }
                            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                            {
                                break;
                            }

                            if (!more)
                                break;
                            var item = events.Current;
                            lastEventId = item.Id ?? lastEventId;
                            if (item.Name == LinkEventNames.VersionAdded
                                && JsonSerializer.Deserialize(item.Data, CofferJsonContext.Default.VersionAddedEvent) is { } added)
                                yield return added;
                        }
                    }
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private byte[] FileKey(LinkInfoDto info)
    {
        var wrapKey = LinkKeys.DeriveWrapKey(address.Secret, address.LinkId);
        return CofferBoxes.UnwrapFileKeyForLink(wrapKey, Base64Url.Decode(info.WrappedFileKey), address.LinkId, info.FileId.ToString("D"));
    }
}

/// <summary>A file refused before upload because its extension or content signature does not match the link's format.</summary>
public sealed class FormatRefusedException : Exception
{
    public FormatRefusedException(string message)
        : base(message)
    {
    }

    public FormatRefusedException()
    {
    }

    public FormatRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
