using Microsoft.Playwright;

namespace Coffer.Web.Tests.Infrastructure;

/// <summary>One Chromium (Debian's /usr/bin/chromium) per test run, shared by every browser test; each test opens its own context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A host name that resolves to 127.0.0.1 but is not "localhost", so pages there are NOT a secure context.</summary>
    public const string InsecureHost = "coffer-insecure.test";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the browser tests need Debian's Chromium. Run `bash scripts/install-test-deps.sh` (scripts/test.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-quic",
                "--disable-sync",
                $"--host-resolver-rules=MAP {InsecureHost} 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh context (own cookies and storage) with every page's console errors, page errors and requests recorded.</summary>
    public async Task<RecordedContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        return new RecordedContext(context);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>xUnit collection so every browser test class shares one browser.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
