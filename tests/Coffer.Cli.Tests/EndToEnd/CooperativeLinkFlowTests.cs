using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.EndToEnd;

/// <summary>The whole owner → recipient flow of a cooperative link, through the CLI as separate processes against the real server.</summary>
[Collection(CofferServerCollection.Name)]
public sealed class CooperativeLinkFlowTests(ServerProcess server)
{
    [Fact]
    public async Task OwnerSharesCooperativeLink_RecipientDownloadsPushesAndRestores_OwnerSeesVersionsAndLog()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        await Steps.RegisterAsync(server, owner);

        var pdf = Path.Combine(owner.WorkDirectory, "report.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        var png = Path.Combine(owner.WorkDirectory, "photo.png");
        File.Copy(RepositoryPaths.Fixture("photo.png"), png);
        await Steps.OkAsync(owner, "put", pdf);
        await Steps.OkAsync(owner, "put", png);

        var created = await Steps.OkAsync(owner, "link", "create", "report.pdf", "--modify");
        var url = created.StdOut.Trim();
        Assert.StartsWith(server.BaseAddress + "/l/", url, StringComparison.Ordinal);
        var secret = url[(url.IndexOf('#', StringComparison.Ordinal) + 1)..];

        await Steps.OpenLinkAsync(server, recipient, url);
        var downloads = Path.Combine(recipient.WorkDirectory, "downloads");
        await Steps.OkAsync(recipient, "get", url, "-o", downloads + "/");
        Assert.Equal(File.ReadAllBytes(pdf), File.ReadAllBytes(Path.Combine(downloads, "report.pdf")));

        var edited = Path.Combine(recipient.WorkDirectory, "report.pdf");
        File.Copy(RepositoryPaths.Fixture("report-edited.pdf"), edited);
        var pushed = await Steps.JsonAsync(recipient, "push", url, edited);
        Assert.Equal(2, pushed.GetProperty("version").GetInt32());
        var restored = await Steps.JsonAsync(recipient, "restore", url, "1");
        Assert.Equal(3, restored.GetProperty("version").GetInt32());

        var listed = await Steps.JsonAsync(owner, "versions", "report.pdf");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed.GetProperty("nextBefore").ValueKind);
        var versions = listed.GetProperty("versions");
        Assert.Equal([3, 2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        var byNumber = versions.EnumerateArray().ToDictionary(v => v.GetProperty("number").GetInt32());
        Assert.Equal(owner.Email, byNumber[1].GetProperty("uploader").GetString());
        Assert.Equal(recipient.Email, byNumber[2].GetProperty("uploader").GetString());
        Assert.Equal(recipient.Email, byNumber[2].GetProperty("sealedUploader").GetString());
        Assert.Equal(recipient.Email, byNumber[3].GetProperty("uploader").GetString());
        Assert.Equal(1, byNumber[3].GetProperty("restoredFrom").GetInt32());
        Assert.All(versions.EnumerateArray(), v => Assert.True(v.GetProperty("verified").GetBoolean()));

        var current = Path.Combine(owner.WorkDirectory, "current.pdf");
        await Steps.OkAsync(owner, "get", "report.pdf", "-o", current);
        Assert.Equal(File.ReadAllBytes(pdf), File.ReadAllBytes(current));
        var second = Path.Combine(owner.WorkDirectory, "second.pdf");
        await Steps.OkAsync(owner, "get", "report.pdf", "--version", "2", "-o", second);
        Assert.Equal(File.ReadAllBytes(RepositoryPaths.Fixture("report-edited.pdf")), File.ReadAllBytes(second));
        var image = Path.Combine(owner.WorkDirectory, "image-copy.png");
        await Steps.OkAsync(owner, "get", "photo.png", "-o", image);
        Assert.Equal(File.ReadAllBytes(png), File.ReadAllBytes(image));

        var links = await Steps.JsonAsync(owner, "link", "ls");
        var link = Assert.Single(links.EnumerateArray()).GetProperty("link");
        Assert.True(link.GetProperty("cooperative").GetBoolean());
        var linkId = link.GetProperty("id").GetString()!;

        var log = await Steps.JsonAsync(owner, "link", "log", linkId);
        var events = log.EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString(), Version: e.TryGetProperty("version", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.Number ? n.GetInt32() : (int?)null)).ToList();
        Assert.Contains(("verified", recipient.Email, (int?)null), events);
        Assert.Contains(events, e => e.Action == "downloaded" && e.Actor == recipient.Email && e.Version == 1);
        Assert.Contains(("version-uploaded", recipient.Email, (int?)2), events);
        Assert.Contains(("made-current", recipient.Email, (int?)3), events);
        var verify = await Steps.OkAsync(owner, "link", "log", linkId, "--verify");
        Assert.Contains("Intact", verify.StdOut, StringComparison.Ordinal);
        // A second verification after more activity checks the head remembered from the first against the server's log.
        await Steps.OkAsync(recipient, "get", url, "-o", Path.Combine(downloads, "again.pdf"));
        var again = await Steps.JsonAsync(owner, "link", "log", linkId, "--verify");
        Assert.True(again.GetProperty("intact").GetBoolean(), again.ToString());
        Assert.True(again.GetProperty("checked").GetInt64() > events.Count, again.ToString());
        var csv = await Steps.OkAsync(owner, "link", "log", linkId, "--csv");
        Assert.Contains("version-uploaded," + recipient.Email, csv.StdOut, StringComparison.Ordinal);

        // Tokens and keys on disk are readable only by the user.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var user in new[] { owner, recipient })
            {
                var configDirectory = Path.Combine(user.ConfigDirectory, "config");
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(configDirectory));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(configDirectory, "config.json")));
            }
        }

        // The secret lives only in the URL fragment: the server never saw it, and no command echoed it.
        Assert.DoesNotContain(secret, server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(recipient.ConfigDirectory, "config", "config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_OfAnotherFormat_IsRefusedBeforeAnyByteIsSent()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        await Steps.RegisterAsync(server, owner);
        var pdf = Path.Combine(owner.WorkDirectory, "contract.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf);
        var url = (await Steps.OkAsync(owner, "link", "create", "contract.pdf", "--modify")).StdOut.Trim();
        await Steps.OpenLinkAsync(server, recipient, url);

        var uploadsBefore = server.UploadCount();
        var png = Path.Combine(recipient.WorkDirectory, "contract.png");
        File.Copy(RepositoryPaths.Fixture("photo.png"), png);
        var otherExtension = await recipient.RunAsync("push", url, png);
        Assert.True(otherExtension.ExitCode == 4, otherExtension.ToString());
        Assert.Contains("same format", otherExtension.StdErr, StringComparison.Ordinal);

        // Right extension, wrong content: a PNG renamed to .pdf is refused by its signature.
        var disguised = Path.Combine(recipient.WorkDirectory, "disguised", "contract.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(disguised)!);
        File.Copy(RepositoryPaths.Fixture("photo.png"), disguised);
        var wrongContent = await recipient.RunAsync("push", url, disguised);
        Assert.True(wrongContent.ExitCode == 4, wrongContent.ToString());
        Assert.Contains("not a .pdf file", wrongContent.StdErr, StringComparison.Ordinal);

        Assert.Equal(uploadsBefore, server.UploadCount());
        var versions = await Steps.JsonAsync(owner, "versions", "contract.pdf");
        Assert.Single(versions.GetProperty("versions").EnumerateArray());
        var log = await Steps.JsonAsync(owner, "link", "log", url);
        Assert.DoesNotContain(log.EnumerateArray(), e => e.GetProperty("action").GetString() == "version-uploaded");
    }

    [Fact]
    public async Task Versions_OfALongHistory_ShowTheNewestPage_SayHowToSeeTheRest_AndGetReachesAnyVersion()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        await Steps.RegisterAsync(server, owner);
        var pdf = Path.Combine(owner.WorkDirectory, "history.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf);
        File.Copy(RepositoryPaths.Fixture("report-edited.pdf"), pdf, overwrite: true);
        await Steps.OkAsync(owner, "put", pdf);
        for (var n = 3; n <= 5; n++)
            await Steps.OkAsync(owner, "restore", "history.pdf", "1");

        var page = await owner.RunAsync("versions", "history.pdf", "--limit", "2");
        Assert.True(page.ExitCode == 0, page.ToString());
        // The table's rows, by their first cell (the version number).
        var rows = System.Text.RegularExpressions.Regex.Matches(page.StdOut, @"(?m)^\S (\d+) ").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([5, 4], rows);
        Assert.Contains("Showing 2 of 5 available versions; 3 older.", page.StdErr, StringComparison.Ordinal);
        Assert.Contains("coffer versions history.pdf --before 4", page.StdErr, StringComparison.Ordinal);

        var next = await Steps.JsonAsync(owner, "versions", "history.pdf", "--limit", "2", "--before", "4");
        Assert.Equal([3, 2], next.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(2, next.GetProperty("nextBefore").GetInt32());
        Assert.Equal(5, next.GetProperty("latest").GetInt32());
        Assert.Equal(5, next.GetProperty("availableCount").GetInt32());
        Assert.Equal(0, next.GetProperty("hiddenCount").GetInt32());

        var all = await Steps.JsonAsync(owner, "versions", "history.pdf", "--all");
        Assert.Equal([5, 4, 3, 2, 1], all.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("nextBefore").ValueKind);
        Assert.All(all.GetProperty("versions").EnumerateArray(), v => Assert.True(v.GetProperty("verified").GetBoolean()));

        var mixed = await owner.RunAsync("versions", "history.pdf", "--all", "--limit", "2");
        Assert.True(mixed.ExitCode == 1, mixed.ToString());
        var tooMany = await owner.RunAsync("versions", "history.pdf", "--limit", "201");
        Assert.True(tooMany.ExitCode == 1, tooMany.ToString());

        // Through the link, the same pages; and get reaches a version below the first page.
        var url = (await Steps.OkAsync(owner, "link", "create", "history.pdf", "--modify")).StdOut.Trim();
        await Steps.OpenLinkAsync(server, recipient, url);
        var linkPage = await Steps.JsonAsync(recipient, "versions", url, "--limit", "3");
        Assert.Equal([5, 4, 3], linkPage.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(3, linkPage.GetProperty("nextBefore").GetInt32());
        var second = Path.Combine(recipient.WorkDirectory, "second.pdf");
        await Steps.OkAsync(recipient, "get", url, "--version", "2", "-o", second);
        Assert.Equal(File.ReadAllBytes(RepositoryPaths.Fixture("report-edited.pdf")), File.ReadAllBytes(second));
        var missing = await recipient.RunAsync("get", url, "--version", "9", "-o", Path.Combine(recipient.WorkDirectory, "nine.pdf"));
        Assert.True(missing.ExitCode == 3, missing.ToString());
    }

    [Fact]
    public async Task Watch_PrintsVersionsPushedByAnotherRecipientAndPutByTheOwner()
    {
        using var owner = Steps.NewUser("owner");
        using var watcher = Steps.NewUser("watcher");
        using var pusher = Steps.NewUser("pusher");
        await Steps.RegisterAsync(server, owner);
        var pdf = Path.Combine(owner.WorkDirectory, "plan.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf);
        var url = (await Steps.OkAsync(owner, "link", "create", "plan.pdf", "--modify")).StdOut.Trim();
        await Steps.OpenLinkAsync(server, watcher, url);
        await Steps.OpenLinkAsync(server, pusher, url);

        using var watch = watcher.Start("watch", url, "--count", "2");
        watch.StandardInput.Close();
        var stdout = watch.StandardOutput.ReadToEndAsync();
        // "Watching…" is printed once the server answered the subscription, so a version pushed after it is seen.
        var started = await watch.StandardError.ReadLineAsync();
        Assert.Contains("Watching", started, StringComparison.Ordinal);
        var edited = Path.Combine(pusher.WorkDirectory, "plan.pdf");
        File.Copy(RepositoryPaths.Fixture("report-edited.pdf"), edited);
        var pushed = await Steps.JsonAsync(pusher, "push", url, edited);
        Assert.Equal(2, pushed.GetProperty("version").GetInt32());
        var put = await Steps.JsonAsync(owner, "put", pdf);
        Assert.Equal(3, put.GetProperty("version").GetInt32());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await watch.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, watch.ExitCode);
        var printed = await stdout;
        Assert.Contains("version 2 by " + pusher.Email, printed, StringComparison.Ordinal);
        Assert.Contains("version 3 by " + owner.Email, printed, StringComparison.Ordinal);
    }
}
