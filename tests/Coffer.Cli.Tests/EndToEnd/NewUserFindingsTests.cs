using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.EndToEnd;

/// <summary>What a new user runs into first: exit codes of server refusals, download names, corrupted blobs, folders, messages.</summary>
[Collection(CofferServerCollection.Name)]
public sealed class NewUserFindingsTests(ServerProcess server)
{
    [Fact]
    public async Task LinkWithDownloadsDisabled_OpensAsViewOnly_AndGetIsARefusalNotAnAuthFailure()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        using var late = Steps.NewUser("late");
        await Steps.RegisterAsync(server, owner);
        var jpg = Path.Combine(owner.WorkDirectory, "photo.png");
        File.Copy(RepositoryPaths.Fixture("photo.png"), jpg);
        await Steps.OkAsync(owner, "put", jpg);
        var url = (await Steps.OkAsync(owner, "link", "create", "photo.png", "--disable-download", "--no-require-email", "--open-limit", "1")).StdOut.Trim();

        var opened = await Steps.OkAsync(recipient, "open", url);
        Assert.Contains("view only", opened.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("download)", opened.StdOut, StringComparison.Ordinal);

        var downloads = Path.Combine(recipient.WorkDirectory, "downloads");
        var get = await recipient.RunAsync("get", url, "-o", downloads + "/");
        Assert.True(get.ExitCode == 7, get.ToString());
        Assert.Contains("download-disabled", get.StdErr, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(downloads) ? Directory.GetFiles(downloads) : []);

        // The open limit is reached: a refusal of the link (7), not a missing one (3).
        var second = await late.RunAsync("open", url);
        Assert.True(second.ExitCode == 7, second.ToString());
        Assert.Contains("link-open-limit-reached", second.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_FromAScript_MailsOnce_ThenFinishesWithTheMailedCodeFromCofferCode_WithoutMailingAnother()
    {
        using var owner = Steps.NewUser("scripted-owner");

        var before = await server.LatestMailIdAsync(owner.Email);
        var first = await owner.RunAsync(["--server", server.BaseAddress, "register", owner.Email]);
        Assert.True(first.ExitCode == 1, first.ToString());
        Assert.Contains("COFFER_CODE", first.StdErr, StringComparison.Ordinal);
        var code = await server.WaitForCodeAsync(owner.Email, before);
        var mailed = await server.LatestMailIdAsync(owner.Email);

        owner.Environment["COFFER_CODE"] = code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));
        var wrong = await owner.RunAsync(["--server", server.BaseAddress, "register", owner.Email]);
        owner.Environment["COFFER_CODE"] = code;
        var second = await owner.RunAsync(["--server", server.BaseAddress, "register", owner.Email]);

        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(mailed, await server.LatestMailIdAsync(owner.Email));
        owner.Environment.Remove("COFFER_CODE");
        var whoami = await Steps.JsonAsync(owner, "whoami");
        Assert.Equal(owner.Email, whoami.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Open_FromAScript_MailsOnce_ThenVerifiesTheMailedCodeFromCofferCode_WithoutMailingAnother()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("scripted");
        await Steps.RegisterAsync(server, owner);
        var pdf = Path.Combine(owner.WorkDirectory, "report.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf);
        var url = (await Steps.OkAsync(owner, "link", "create", "report.pdf", "--modify")).StdOut.Trim();

        // No terminal and nothing on stdin: a code is mailed, and the command says how to finish without a second mail.
        var before = await server.LatestMailIdAsync(recipient.Email);
        var first = await recipient.RunAsync(["open", url, "--email", recipient.Email]);
        Assert.True(first.ExitCode == 1, first.ToString());
        Assert.Contains("COFFER_CODE", first.StdErr, StringComparison.Ordinal);
        var code = await server.WaitForCodeAsync(recipient.Email, before);
        var mailed = await server.LatestMailIdAsync(recipient.Email);

        recipient.Environment["COFFER_CODE"] = code;
        var second = await recipient.RunAsync(["open", url, "--email", recipient.Email]);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(mailed, await server.LatestMailIdAsync(recipient.Email));
        recipient.Environment.Remove("COFFER_CODE");
        await Steps.OkAsync(recipient, "versions", url);
    }

    [Fact]
    public async Task RevokedLink_WithItsToken_SaysTheOwnerRevokedIt_AsARefusal()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        await Steps.RegisterAsync(server, owner);
        var png = Path.Combine(owner.WorkDirectory, "photo.png");
        File.Copy(RepositoryPaths.Fixture("photo.png"), png);
        await Steps.OkAsync(owner, "put", png);
        var url = (await Steps.OkAsync(owner, "link", "create", "photo.png", "--no-require-email")).StdOut.Trim();
        await Steps.OkAsync(recipient, "open", url);

        await Steps.OkAsync(owner, "link", "revoke", url);

        var opened = await recipient.RunAsync("open", url);
        Assert.True(opened.ExitCode == 7, opened.ToString());
        Assert.Contains("The owner revoked this link. Ask them for a new one. (link-revoked)", opened.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SavesUnderTheFilesOwnName_NotTheNameTheUploaderOfTheVersionChose()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        await Steps.RegisterAsync(server, owner);
        var pdf = Path.Combine(owner.WorkDirectory, "real.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf);
        var url = (await Steps.OkAsync(owner, "link", "create", "real.pdf", "--modify")).StdOut.Trim();
        await Steps.OpenLinkAsync(server, recipient, url);
        var renamed = Path.Combine(recipient.WorkDirectory, "Renamed-By-Bob.pdf");
        File.Copy(RepositoryPaths.Fixture("report-edited.pdf"), renamed);
        await Steps.OkAsync(recipient, "push", url, renamed);

        var ownerOut = Path.Combine(owner.WorkDirectory, "out");
        var got = await Steps.OkAsync(owner, "get", "real.pdf", "-o", ownerOut + "/");
        Assert.Equal(["real.pdf"], Directory.GetFiles(ownerOut).Select(Path.GetFileName));
        Assert.Equal(File.ReadAllBytes(renamed), File.ReadAllBytes(Path.Combine(ownerOut, "real.pdf")));
        // No rate is known before bytes have moved: no "0 B/s" estimate.
        Assert.DoesNotContain(" 0 B/s", got.StdErr, StringComparison.Ordinal);

        var recipientOut = Path.Combine(recipient.WorkDirectory, "out");
        await Steps.OkAsync(recipient, "get", url, "-o", recipientOut + "/");
        Assert.Equal(["real.pdf"], Directory.GetFiles(recipientOut).Select(Path.GetFileName));

        var again = await owner.RunAsync("get", "real.pdf", "-o", ownerOut + "/");
        Assert.True(again.ExitCode == 4, again.ToString());
        Assert.Contains("--force", again.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OfABlobShorterThanItsRecordedLength_IsAnIntegrityFailure_AndLeavesNoFile()
    {
        using var owner = Steps.NewUser("owner");
        await Steps.RegisterAsync(server, owner);
        var source = Steps.RandomFile(owner.WorkDirectory, "cut.bin", (3 * 1024 * 1024) + 777);
        var blobsDirectory = Path.Combine(server.DataDirectory, "blobs");
        var before = Blobs(blobsDirectory);
        await Steps.OkAsync(owner, "put", source);
        var blob = Assert.Single(Blobs(blobsDirectory).Except(before));
        using (var stream = new FileStream(blob, FileMode.Open, FileAccess.Write))
            stream.SetLength(stream.Length / 2);

        var output = Path.Combine(owner.WorkDirectory, "out");
        Directory.CreateDirectory(output);
        var get = await owner.RunAsync("get", "cut.bin", "-o", output + "/");
        Assert.True(get.ExitCode == 6, get.ToString());
        Assert.Empty(Directory.GetFiles(output));
    }

    [Fact]
    public async Task Folders_MissingOnesAreNotFound_AndMkdirParentsCreatesTheChain()
    {
        using var owner = Steps.NewUser("owner");
        await Steps.RegisterAsync(server, owner);

        var list = await owner.RunAsync("ls", "--folder", "nope");
        Assert.True(list.ExitCode == 3, list.ToString());
        Assert.Contains("No folder", list.StdErr, StringComparison.Ordinal);

        var nested = await owner.RunAsync("mkdir", "Projets/été 2026");
        Assert.True(nested.ExitCode == 3, nested.ToString());
        Assert.Contains("--parents", nested.StdErr, StringComparison.Ordinal);

        await Steps.OkAsync(owner, "mkdir", "-p", "Projets/été 2026");
        await Steps.OkAsync(owner, "mkdir", "--parents", "Projets/été 2026");
        var pdf = Path.Combine(owner.WorkDirectory, "plan.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf, "--folder", "Projets/été 2026");

        var folders = await Steps.JsonAsync(owner, "ls");
        Assert.Equal(["Projets", "Projets/été 2026"], folders.GetProperty("folders").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var inFolder = await Steps.JsonAsync(owner, "ls", "--folder", "Projets/été 2026");
        Assert.Equal("plan.pdf", Assert.Single(inFolder.GetProperty("files").EnumerateArray()).GetProperty("name").GetString());
    }

    private static HashSet<string> Blobs(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories).ToHashSet(StringComparer.Ordinal) : [];
}
