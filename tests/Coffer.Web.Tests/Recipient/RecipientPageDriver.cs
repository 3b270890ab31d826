using System.Collections.Concurrent;
using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Recipient;

/// <summary>Drives the recipient page as a person does (email, code, buttons, menus, dropping files) and records its requests.</summary>
public sealed class RecipientPageDriver
{
    // As a drag from the desktop: a DataTransfer holding a File, dispatched as dragenter, dragover and drop on the target.
    private const string DropScript = """
        async ({ selector, name, base64, type }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], name, { type, lastModified: 1764770000000 }));
          const target = document.querySelector(selector);
          for (const kind of ['dragenter', 'dragover', 'drop'])
            target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
        """;

    // The same drop with a large file made in the page (a PDF header, then the byte pattern i mod 251), so no megabytes cross the wire.
    private const string DropGeneratedScript = """
        async ({ selector, name, size }) => {
          const bytes = new Uint8Array(size);
          for (let i = 0; i < size; i++) bytes[i] = i % 251;
          bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], name, { type: 'application/pdf', lastModified: 1764770000000 }));
          const target = document.querySelector(selector);
          for (const kind of ['dragenter', 'dragover', 'drop'])
            target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
        """;

    private readonly ConcurrentQueue<string> _requests = new();

    private RecipientPageDriver(RecordedContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Request += (_, request) => _requests.Enqueue($"{request.Method} {new Uri(request.Url).AbsolutePath}");
    }

    public RecordedContext Context { get; }

    public IPage Page { get; }

    /// <summary>"METHOD /path" of every request the page made.</summary>
    public IReadOnlyCollection<string> Requests => [.. _requests];

    /// <summary>
    /// A context whose page has no File System Access picker (a headless browser cannot answer its dialog), so downloads take
    /// the service-worker stream and arrive as a Playwright download.
    /// </summary>
    public static async Task<RecipientPageDriver> OpenAsync(BrowserFixture browser, string url, int width = 1280, int height = 800)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = width, Height = height } });
        await context.Context.AddInitScriptAsync("Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });");
        var page = await context.NewPageAsync();
        var driver = new RecipientPageDriver(context, page);
        await page.GotoAsync(url);
        return driver;
    }

    public ILocator ByTestId(string id) => Page.GetByTestId(id);

    public async Task AskForCodeAsync(string email)
    {
        await Page.GetByLabel("Your email address").FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Assertions.Expect(Page.GetByLabel("Six-digit code")).ToBeVisibleAsync();
    }

    public async Task EnterCodeAsync(string code)
    {
        await Page.GetByLabel("Six-digit code").FillAsync(code);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    public Task DropAsync(string name, byte[] content, string type) =>
        Page.EvaluateAsync(DropScript, new { selector = "[data-testid=version-panel]", name, base64 = Convert.ToBase64String(content), type });

    public Task DropGeneratedPdfAsync(string name, int size) =>
        Page.EvaluateAsync(DropGeneratedScript, new { selector = "[data-testid=version-panel]", name, size });

    public ILocator Version(int number) => Page.Locator($"[data-testid=version-item][data-version=\"{number}\"]");

    /// <summary>Console errors other than the browser's own line for an HTTP error answer the page expected and handled.</summary>
    public IReadOnlyList<string> UnexpectedErrors() =>
        [.. Context.Errors.Where(e => !e.Contains("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal))];
}
