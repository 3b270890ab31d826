using Coffer.Client.Owner;
using Coffer.Contracts.Links;
using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Recipient;

/// <summary>The recipient page against the real server in Chromium: verification, preview, download, new versions, live updates.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecipientEndToEndTests(BrowserFixture browser, RecipientServerFixture server) : IClassFixture<RecipientServerFixture>
{
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";

    [Fact]
    public async Task CooperativeLink_VerifiedRecipients_PreviewDownloadDropMakeCurrent_AndSeeEachOthersVersionsLive()
    {
        var (file, linkId, url) = await server.ShareNewFileAsync(new CreateLinkOptions(Modify: true));

        // Bob: a wrong code is refused with a clear message; the mailed one opens the file.
        var bob = await RecipientPageDriver.OpenAsync(browser, url);
        await using var bobContext = bob.Context;
        var before = await server.LatestMailIdAsync(Bob);
        await bob.AskForCodeAsync(Bob);
        var code = await server.LatestCodeAsync(Bob, before);
        await bob.EnterCodeAsync(code == "000000" ? "111111" : "000000");
        await Assertions.Expect(bob.ByTestId("verify-error")).ToContainTextAsync("wrong, expired or used up");
        await Assertions.Expect(bob.ByTestId("resend-code")).ToBeDisabledAsync();
        await bob.Page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "recipient-code-desktop.png") });
        await bob.EnterCodeAsync(code);

        // The name is decrypted and shown as text, never as HTML.
        await Assertions.Expect(bob.ByTestId("file-name")).ToHaveTextAsync(RecipientServerFixture.PdfName);
        Assert.Equal(0, await bob.Page.Locator("img").CountAsync());
        await Assertions.Expect(bob.ByTestId("current-version")).ToHaveTextAsync("1");
        await Assertions.Expect(bob.Version(1).GetByTestId("version-uploader")).ToHaveTextAsync(RecipientServerFixture.OwnerEmail);

        // Preview: pdf.js draws the page on a canvas under the strict CSP.
        await bob.ByTestId("preview-button").ClickAsync();
        var canvas = bob.ByTestId("pdf-preview").Locator("canvas");
        await Assertions.Expect(canvas).ToHaveCountAsync(1);
        Assert.True(await canvas.EvaluateAsync<bool>("c => c.width > 100 && c.height > 100"));
        await Assertions.Expect(bob.ByTestId("pdf-preview")).Not.ToContainTextAsync("Rendering");

        // Download: decrypted as a stream, byte-identical, under the real name.
        var download = await bob.Page.RunAndWaitForDownloadAsync(() => bob.ByTestId("download-button").ClickAsync(), new() { Timeout = 20_000 });
        // Chromium itself replaces the characters some file systems forbid (< and > here) in a suggested name.
        Assert.Equal(RecipientServerFixture.PdfName.Replace('<', '_').Replace('>', '_'), download.SuggestedFilename);
        Assert.Equal(server.PdfBytes, await File.ReadAllBytesAsync(await download.PathAsync()));
        await Assertions.Expect(bob.ByTestId("file-notice")).ToContainTextAsync("hashes match");

        // Carol opens the same link in another browser context.
        var carol = await RecipientPageDriver.OpenAsync(browser, url);
        await using var carolContext = carol.Context;
        var carolBefore = await server.LatestMailIdAsync(Carol);
        await carol.AskForCodeAsync(Carol);
        await carol.EnterCodeAsync(await server.LatestCodeAsync(Carol, carolBefore));
        await Assertions.Expect(carol.ByTestId("current-version")).ToHaveTextAsync("1");

        // A wrong format is refused before any byte is sent: by drop (content is not a PDF) and by the button (another extension).
        await bob.DropAsync("Quarterly v2.pdf", "just some text, not a PDF"u8.ToArray(), "application/pdf");
        await Assertions.Expect(bob.ByTestId("file-notice")).ToContainTextAsync("its content is not a .pdf file");
        await bob.ByTestId("version-file-input").SetInputFilesAsync(new FilePayload { Name = "notes.docx", MimeType = "application/octet-stream", Buffer = "PK\u0003\u0004"u8.ToArray() });
        await Assertions.Expect(bob.ByTestId("file-notice")).ToContainTextAsync("must be a .pdf file");
        Assert.DoesNotContain(bob.Requests, r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains("/uploads", StringComparison.Ordinal));
        await Assertions.Expect(bob.Page.Locator("[data-testid=version-item]")).ToHaveCountAsync(1);

        // Bob drops a real new PDF on the version panel: version 2, by him; Carol's page says so live.
        var second = TestPdf.Create("Coffer quarterly report, version 2 from Bob");
        await bob.DropAsync("Quarterly v2.PDF", second, "application/pdf");
        await Assertions.Expect(bob.ByTestId("file-notice")).ToContainTextAsync("“Quarterly v2.PDF” is now version 2", new() { Timeout = 20_000 });
        await Assertions.Expect(bob.ByTestId("current-version")).ToHaveTextAsync("2");
        await Assertions.Expect(bob.Version(2).GetByTestId("version-uploader")).ToHaveTextAsync(Bob);
        Assert.Contains(bob.Requests, r => r == $"POST /api/l/{linkId}/uploads");
        await Assertions.Expect(bob.ByTestId("live-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(carol.ByTestId("live-banner")).ToContainTextAsync($"A new version (version 2) was uploaded by {Bob}", new() { Timeout = 10_000 });
        await carol.ByTestId("live-refresh").ClickAsync();
        await Assertions.Expect(carol.ByTestId("current-version")).ToHaveTextAsync("2");
        await Assertions.Expect(carol.ByTestId("live-banner")).ToHaveCountAsync(0);

        // Bob makes version 1 current again, with the keyboard only: version 3.
        await bob.Version(1).GetByTestId("version-menu-button").FocusAsync();
        await bob.Page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Preview" })).ToBeFocusedAsync();
        await bob.Page.Keyboard.PressAsync("End");
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Make it current" })).ToBeFocusedAsync();
        await bob.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(bob.ByTestId("current-version")).ToHaveTextAsync("3");
        await Assertions.Expect(bob.Version(3)).ToContainTextAsync("version 1 made current by");
        await Assertions.Expect(carol.ByTestId("live-banner")).ToContainTextAsync("version 3", new() { Timeout = 10_000 });
        // The open preview survived two refreshes of the page's data as one drawing, fetched once.
        await Assertions.Expect(bob.ByTestId("pdf-preview").Locator("canvas")).ToHaveCountAsync(1);

        // Carol, still on version 2 (she has not refreshed), uploads: it lands as version 4 and she is told version 3 came first.
        await carol.ByTestId("version-file-input").SetInputFilesAsync(new FilePayload { Name = "Carol.pdf", MimeType = "application/pdf", Buffer = TestPdf.Create("Carol's edit") });
        await Assertions.Expect(carol.ByTestId("file-notice")).ToContainTextAsync("is version 4, but someone added version 3 while you worked on version 2", new() { Timeout = 20_000 });
        await Assertions.Expect(bob.ByTestId("live-banner")).ToContainTextAsync($"A new version (version 4) was uploaded by {Carol}", new() { Timeout = 10_000 });
        await bob.ByTestId("live-refresh").ClickAsync();
        await Assertions.Expect(bob.ByTestId("current-version")).ToHaveTextAsync("4");

        // Version 3's content is version 1's again.
        await bob.Version(3).GetByTestId("version-menu-button").ClickAsync();
        var again = await bob.Page.RunAndWaitForDownloadAsync(() => bob.ByTestId("menu-download").ClickAsync(), new() { Timeout = 20_000 });
        Assert.Equal(server.PdfBytes, await File.ReadAllBytesAsync(await again.PathAsync()));

        await bob.Page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "recipient-desktop.png"), FullPage = true });
        await bob.Page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(bob.ByTestId("file-card")).ToBeVisibleAsync();
        Assert.True(await bob.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "The page must not scroll sideways at phone width.");
        await bob.Page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "recipient-phone.png"), FullPage = true });

        // The owner (the C# library) opens what the browser sealed: version 2's key, metadata and hashes.
        var owned = await server.Owner.ListVersionsAsync(file);
        var v2 = Assert.Single(owned, v => v.Version.Number == 2);
        Assert.Null(v2.Problem);
        Assert.Equal((Bob, "Quarterly v2.PDF", second.Length, (int?)1), (v2.Metadata!.Uploader, v2.Metadata.Name, (int)v2.Metadata.Size, v2.Metadata.BasedOn));

        // The owner's access log has every step.
        var actions = (await server.Owner.Api.GetAccessLogAsync(linkId)).Select(e => (e.Action, e.Actor, e.Version)).ToList();
        Assert.Contains((AccessLogActions.VerificationFailed, Bob, (int?)null), actions);
        Assert.Equal([(AccessLogActions.Previewed, Bob, (int?)1)], actions.Where(a => a.Action == AccessLogActions.Previewed));
        Assert.Contains((AccessLogActions.Downloaded, Bob, (int?)1), actions);
        Assert.Contains((AccessLogActions.VersionUploaded, Bob, (int?)2), actions);
        Assert.Contains((AccessLogActions.MadeCurrent, Bob, (int?)3), actions);
        Assert.Contains((AccessLogActions.Verified, Carol, (int?)null), actions);

        Assert.True(bob.UnexpectedErrors().Count == 0, string.Join('\n', bob.UnexpectedErrors()));
        Assert.True(carol.UnexpectedErrors().Count == 0, string.Join('\n', carol.UnexpectedErrors()));
        Assert.All(bob.Context.RequestedUrls.Concat(carol.Context.RequestedUrls), requested =>
        {
            Assert.StartsWith(server.Server.Address.GetLeftPart(UriPartial.Authority), requested, StringComparison.Ordinal);
            Assert.DoesNotContain(new Uri(url).Fragment.TrimStart('#'), requested, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Upload_InterruptedByAReload_ResumesWhenTheSameFileIsDroppedAgain()
    {
        var (file, linkId, url) = await server.ShareNewFileAsync(new CreateLinkOptions(Modify: true));
        var dave = await RecipientPageDriver.OpenAsync(browser, url);
        await using var context = dave.Context;
        var before = await server.LatestMailIdAsync("dave@example.com");
        await dave.AskForCodeAsync("dave@example.com");
        await dave.EnterCodeAsync(await server.LatestCodeAsync("dave@example.com", before));
        await Assertions.Expect(dave.ByTestId("current-version")).ToHaveTextAsync("1");

        // The first 8 MiB chunk reaches the server; the second is held back, and the page is reloaded meanwhile.
        var patches = 0;
        var secondHeld = new TaskCompletionSource();
        await dave.Page.RouteAsync("**/uploads/*", async route =>
        {
            if (route.Request.Method == "PATCH" && Interlocked.Increment(ref patches) > 1)
            {
                secondHeld.TrySetResult();
                return;
            }

            await route.ContinueAsync();
        });
        const int size = (9 * 1024 * 1024) + 12345;
        await dave.DropGeneratedPdfAsync("Big scan.pdf", size);
        await Assertions.Expect(dave.ByTestId("upload-progress")).ToBeVisibleAsync();
        await secondHeld.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await dave.Page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        await dave.Page.ReloadAsync();

        // Same file again (name, size, time): the upload continues where the server stopped; nothing is sent twice.
        await Assertions.Expect(dave.ByTestId("current-version")).ToHaveTextAsync("1");
        await dave.DropGeneratedPdfAsync("Big scan.pdf", size);
        await Assertions.Expect(dave.ByTestId("file-notice")).ToContainTextAsync("is now version 2 (resumed at 8.0 MiB)", new() { Timeout = 20_000 });
        Assert.Single(dave.Requests, r => r == $"POST /api/l/{linkId}/uploads");
        Assert.Contains(dave.Requests, r => r.StartsWith($"HEAD /api/l/{linkId}/uploads/", StringComparison.Ordinal));
        var resumed = Assert.Single(await server.Owner.ListVersionsAsync(file), v => v.Version.Number == 2);
        Assert.Null(resumed.Problem);
        Assert.Equal(size, resumed.Metadata!.Size);
        Assert.Equal(0, await dave.Page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('coffer:upload:')).length"));
        Assert.True(dave.UnexpectedErrors().Count == 0, string.Join('\n', dave.UnexpectedErrors()));
    }

    [Fact]
    public async Task PlainLink_WithoutEmail_OpensStraightToTheFile_PreviewOnlyWithWatermark_ThenRevokedSaysSoOnce()
    {
        var (_, linkId, url) = await server.ShareNewFileAsync(new CreateLinkOptions(Modify: false, RequireEmail: false, DisableDownload: true, Watermark: true));
        var viewer = await RecipientPageDriver.OpenAsync(browser, url, 390, 844);
        await using var context = viewer.Context;

        await Assertions.Expect(viewer.ByTestId("file-name")).ToHaveTextAsync(RecipientServerFixture.PdfName);
        await Assertions.Expect(viewer.ByTestId("download-button")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.ByTestId("upload-button")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.ByTestId("file-card")).ToContainTextAsync("previews only");

        await viewer.ByTestId("preview-button").ClickAsync();
        await Assertions.Expect(viewer.ByTestId("pdf-preview").Locator("canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(viewer.ByTestId("watermark")).ToBeVisibleAsync();
        await viewer.Version(1).GetByTestId("version-menu-button").ClickAsync();
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Menuitem)).ToHaveTextAsync(["Preview"]);
        await viewer.Page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "recipient-plain-watermark-phone.png"), FullPage = true });
        Assert.DoesNotContain(viewer.Context.RequestedUrls, r => r.Contains("purpose=download", StringComparison.Ordinal));

        await server.Owner.Api.RevokeLinkAsync(linkId);
        await viewer.Page.ReloadAsync();
        await Assertions.Expect(viewer.ByTestId("link-closed")).ToContainTextAsync("The owner revoked this link. Ask them for a new one.");
        await Assertions.Expect(viewer.Page.GetByText("The owner revoked this link.")).ToHaveCountAsync(1);
        Assert.True(viewer.UnexpectedErrors().Count == 0, string.Join('\n', viewer.UnexpectedErrors()));
    }
    [Fact]
    public async Task CooperativeLink_OpenOnTheFile_WhenTheOwnerRevokes_SaysSoWithoutAReload_AndStopsListening()
    {
        var (_, linkId, url) = await server.ShareNewFileAsync(new CreateLinkOptions(Modify: true));
        var erin = await RecipientPageDriver.OpenAsync(browser, url);
        await using var context = erin.Context;
        var before = await server.LatestMailIdAsync("erin@example.com");
        await erin.AskForCodeAsync("erin@example.com");
        await erin.EnterCodeAsync(await server.LatestCodeAsync("erin@example.com", before));
        await Assertions.Expect(erin.ByTestId("current-version")).ToHaveTextAsync("1");

        await erin.Page.EvaluateAsync("() => { window.openedBeforeRevoke = true; }");
        await server.Owner.Api.RevokeLinkAsync(linkId);

        // Revoking signals the file's open streams, so the server ends this one at once (not at its next heartbeat check,
        // EventsApi.HeartbeatInterval, 15 s); the page reconnects at once, is told link-revoked, and closes.
        await Assertions.Expect(erin.ByTestId("link-closed")).ToContainTextAsync("The owner revoked this link. Ask them for a new one.", new() { Timeout = 5_000 });
        await Assertions.Expect(erin.ByTestId("file-card")).ToHaveCountAsync(0);
        await Assertions.Expect(erin.Page.GetByText("The owner revoked this link.")).ToHaveCountAsync(1);
        Assert.True(await erin.Page.EvaluateAsync<bool>("() => window.openedBeforeRevoke === true"), "The page must not have reloaded.");
        // The stream that ended and the one reconnect that was told link-revoked; nothing after.
        Assert.Equal(2, erin.Requests.Count(r => r == $"GET /api/l/{linkId}/events"));
        Assert.True(erin.UnexpectedErrors().Count == 0, string.Join('\n', erin.UnexpectedErrors()));
    }
}
