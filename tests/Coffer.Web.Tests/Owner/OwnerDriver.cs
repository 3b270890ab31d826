using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Owner;

/// <summary>Drives the owner pages the way a person does (labels and buttons), for the owner and full-flow browser tests.</summary>
public sealed partial class OwnerDriver(IPage page, CofferServerProcess server)
{
    public const string Password = "correct horse battery staple";

    public IPage Page => page;

    /// <summary>The tiny real PDF committed with the tests.</summary>
    public static byte[] SamplePdf() => File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "Coffer.Web.Tests", "Fixtures", "owner-report.pdf"));

    /// <summary>Signs up through the page, reads the code from the development outbox, confirms, and lands on the files.</summary>
    public async Task SignUpAsync(string email)
    {
        await page.GotoAsync(server.Address.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create one" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat the password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // The key derivation's progress note is on screen only while it runs (well under a second on a quiet machine), so a
        // wait for it races the derivation: wait for what follows it instead, and say what the page said if it refused.
        var codeInput = page.GetByLabel("Code from the email");
        var refusal = page.GetByTestId("auth-error");
        await codeInput.Or(refusal).First.WaitForAsync(new() { Timeout = 30_000 });
        if (await refusal.IsVisibleAsync())
            throw new InvalidOperationException("Sign-up was refused: " + await refusal.InnerTextAsync());
        await codeInput.FillAsync(await MailedCodeAsync(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("files-view")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("account-email")).ToHaveTextAsync(email);
    }

    /// <summary>The code of the newest mail to <paramref name="email"/> with an id above <paramref name="afterId"/> (waits for it).</summary>
    public async Task<string> MailedCodeAsync(string email, long afterId = 0)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var mail = (await OutboxAsync(email)).Where(m => m.Id > afterId).OrderByDescending(m => m.Id).FirstOrDefault();
            if (mail is not null && SixDigits().Match(mail.Text) is { Success: true } match)
                return match.Value;
            await Task.Delay(100);
        }

        throw new InvalidOperationException($"No code was mailed to {email}.");
    }

    /// <summary>The id of the newest mail to <paramref name="email"/> (0: none), to wait for the next one.</summary>
    public async Task<long> LatestMailIdAsync(string email) => (await OutboxAsync(email)).Select(m => m.Id).DefaultIfEmpty(0).Max();

    private async Task<List<OutboxMail>> OutboxAsync(string email)
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        var mails = await http.GetFromJsonAsync<JsonElement>(new Uri($"/dev/outbox.json?to={Uri.EscapeDataString(email)}", UriKind.Relative));
        return [.. mails.EnumerateArray().Select(m => new OutboxMail(m.GetProperty("id").GetInt64(), m.GetProperty("text").GetString() ?? ""))];
    }

    private sealed record OutboxMail(long Id, string Text);

    /// <summary>Drops a file on the files view exactly as a drag from the desktop does (a DataTransfer with a File).</summary>
    public async Task DropFileAsync(string name, byte[] content, string type)
    {
        var target = page.GetByTestId("files-view");
        var transfer = await page.EvaluateHandleAsync(
            """
            ([name, base64, type]) => {
              const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], name, { type, lastModified: Date.UTC(2026, 11, 3) }));
              return transfer;
            }
            """,
            new object[] { name, Convert.ToBase64String(content), type });
        await target.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await target.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await Assertions.Expect(FileRow(name)).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }

    /// <summary>The bytes <see cref="DropGeneratedFileAsync"/> builds in the page (i mod 251), to compare a download with.</summary>
    public static byte[] GeneratedBytes(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(i % 251))];

    /// <summary>Drops a file generated in the page (no multi-MiB transfer from the test), with a fixed last-modified time, so dropping it again is "the same file".</summary>
    public Task DropGeneratedFileAsync(string name, int size) =>
        page.EvaluateAsync(
            """
            ({ name, size }) => {
              const bytes = new Uint8Array(size);
              for (let i = 0; i < size; i++) bytes[i] = i % 251;
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], name, { type: 'application/octet-stream', lastModified: Date.UTC(2026, 11, 3) }));
              const target = document.querySelector('[data-testid=files-view]');
              for (const kind of ['dragover', 'drop'])
                target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
            }
            """,
            new { name, size });

    public ILocator FileRow(string name) => page.GetByTestId("file-row").Filter(new() { Has = page.GetByTestId("file-name").GetByText(name, new() { Exact = true }) });

    /// <summary>Opens the share dialog of a file, creates a link with the chosen permission, and returns the full URL shown.</summary>
    public async Task<string> CreateLinkAsync(string fileName, bool canModify)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Share {fileName}", Exact = true }).ClickAsync();
        var dialog = page.GetByTestId("share-dialog");
        await dialog.GetByLabel(canModify ? "Can modify" : "Can access").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var url = await dialog.GetByTestId("share-url").InputValueAsync(new() { Timeout = 10_000 });
        Assert.Matches(LinkUrl(), url);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        return url;
    }

    public async Task OpenSectionAsync(string name) =>
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/l/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$")]
    public static partial Regex LinkUrl();
}
