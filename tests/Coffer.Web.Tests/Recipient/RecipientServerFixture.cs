using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Coffer.Client.Owner;
using Coffer.Client.State;
using Coffer.Contracts.Files;
using Coffer.Web.Tests.Infrastructure;

namespace Coffer.Web.Tests.Recipient;

/// <summary>
/// One real server per test class with an owner set up through the API (register, confirm with the mailed code, log in) and a
/// real PDF uploaded with the CLI's library, so the browser tests start at the recipient's side.
/// </summary>
public partial class RecipientServerFixture : IAsyncLifetime
{
    public const string OwnerEmail = "owner@example.com";
    public const string PdfName = "Quarterly report — Q4 <img src=x> «draft» & 報告.pdf";

    private readonly string _work = Directory.CreateTempSubdirectory("coffer-recipient-e2e-").FullName;
    private CofferServerProcess? _server;
    private int _folders;
    private HttpClient? _http;
    private OwnerSession? _owner;

    public CofferServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public OwnerSession Owner => _owner ?? throw new InvalidOperationException("Not started.");

    public HttpClient Http => _http ?? throw new InvalidOperationException("Not started.");

    public byte[] PdfBytes { get; } = TestPdf.Create("Coffer quarterly report, version 1");

    /// <summary>Settings the server starts with (configuration keys, e.g. <c>Plans:Default</c>); none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string>? ServerSettings => null;

    public async Task InitializeAsync()
    {
        _server = await CofferServerProcess.StartAsync(ServerSettings);
        _http = new HttpClient { BaseAddress = _server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var api = new OwnerApi(_http);
        const string password = "correct horse battery staple";
        await OwnerSession.RegisterAsync(api, OwnerEmail, password);
        await api.ConfirmAsync(OwnerEmail, await LatestCodeAsync(OwnerEmail, afterId: 0));
        _owner = await OwnerSession.LoginAsync(api, OwnerEmail, password, new StateDirectory(Path.Combine(_work, "state")));
        await System.IO.File.WriteAllBytesAsync(Path.Combine(_work, PdfName), PdfBytes);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>Uploads the PDF as a new file (in a folder of its own, so tests do not share versions) and links it.</summary>
    public async Task<SharedFile> ShareNewFileAsync(CreateLinkOptions options)
    {
        var folder = await Owner.CreateFolderAsync($"/test {Interlocked.Increment(ref _folders)}");
        var file = (await Owner.PutFileAsync(Path.Combine(_work, PdfName), folder.Folder.Id)).File;
        var (link, url) = await Owner.CreateLinkAsync(file, options, Server.Address.ToString());
        return new SharedFile(file, link.Id, url);
    }

    /// <summary>The newest six-digit code mailed to <paramref name="to"/> after mail id <paramref name="afterId"/> (the development outbox).</summary>
    public async Task<string> LatestCodeAsync(string to, long afterId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var mails = await Http.GetFromJsonAsync<List<OutboxMail>>($"/dev/outbox.json?to={Uri.EscapeDataString(to)}", deadline.Token) ?? [];
            var mail = mails.Where(m => m.Id > afterId).OrderByDescending(m => m.Id).FirstOrDefault();
            if (mail is not null && SixDigits().Match(mail.Subject + "\n" + mail.Text) is { Success: true } match)
                return match.Groups[1].Value;
            await Task.Delay(100, deadline.Token);
        }
    }

    public async Task<long> LatestMailIdAsync(string to)
    {
        var mails = await Http.GetFromJsonAsync<List<OutboxMail>>($"/dev/outbox.json?to={Uri.EscapeDataString(to)}") ?? [];
        return mails.Count == 0 ? 0 : mails.Max(m => m.Id);
    }

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    /// <summary>A file shared by a link: the owner's record, the link id and its full URL (secret in the fragment).</summary>
    public sealed record SharedFile(FileDto File, string LinkId, string Url);

    private sealed record OutboxMail(long Id, string To, string Subject, string Text);
}
