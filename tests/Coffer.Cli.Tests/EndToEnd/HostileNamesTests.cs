using System.Text;
using System.Text.Json;
using Coffer.Cli.Infrastructure;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.EndToEnd;

/// <summary>
/// Names other people choose reach the owner's terminal only as text: a recipient pushes a version whose name carries escape
/// sequences, BEL, a newline and a bidi override, and no byte of the owner's output is a raw control or bidi character.
/// </summary>
[Collection(CofferServerCollection.Name)]
public sealed class HostileNamesTests(ServerProcess server)
{
    private const string Attack = "\u001b]0;pwned\u0007\u001b[2J";

    [Fact]
    public async Task RecipientPushesAVersionNamedWithEscapeSequences_OwnerListingsShowItAsText_AndJsonKeepsTheExactName()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        await Steps.RegisterAsync(server, owner);

        // The owner's own file came from elsewhere too (an attachment, say): its name and its folder's are hostile as well.
        var folder = "in" + Attack + "box\u202E";
        var ownerName = "offer" + Attack + "\r\n\u2028\u0085.pdf";
        var ownerFile = Path.Combine(owner.WorkDirectory, ownerName);
        File.Copy(RepositoryPaths.Fixture("report.pdf"), ownerFile);
        Clean(await RunAsync(owner, "mkdir", folder));
        Clean(await RunAsync(owner, "put", ownerFile, "--folder", folder));
        var fileId = (await Steps.JsonAsync(owner, "ls")).GetProperty("files").EnumerateArray().Single().GetProperty("id").GetString()!;

        var url = (await Steps.OkAsync(owner, "link", "create", fileId, "--modify")).StdOut.Trim();
        await Steps.OpenLinkAsync(server, recipient, url);
        var versionName = Attack + "new\nline\u202Etxt.pdf";
        var pushed = Path.Combine(recipient.WorkDirectory, versionName);
        File.Copy(RepositoryPaths.Fixture("report-edited.pdf"), pushed);
        var push = Clean(await RunAsync(recipient, "push", url, pushed));
        Assert.Contains(@"Uploading \x1b]0;pwned\x07\x1b[2Jnew\x0aline\u202etxt.pdf: ", push.Err, StringComparison.Ordinal);
        Clean(await RunAsync(recipient, "versions", url));

        // The owner's table shows the name escaped, on one row.
        var versions = Clean(await RunAsync(owner, "versions", fileId));
        var row = Assert.Single(versions.Out.Split('\n'), line => line.Contains("pwned", StringComparison.Ordinal) && line.Contains(recipient.Email, StringComparison.Ordinal));
        Assert.Contains(@"\x1b]0;pwned\x07\x1b[2Jnew\x0aline\u202etxt.pdf", row, StringComparison.Ordinal);
        var list = Clean(await RunAsync(owner, "ls"));
        Assert.Contains(@"offer\x1b]0;pwned\x07\x1b[2J\x0d\x0a\u2028\x85.pdf", list.Out, StringComparison.Ordinal);
        Assert.Contains(@"in\x1b]0;pwned\x07\x1b[2Jbox\u202e", list.Out, StringComparison.Ordinal);
        Clean(await RunAsync(owner, "link", "ls"));
        var linkId = (await Steps.JsonAsync(owner, "link", "ls")).EnumerateArray().Single().GetProperty("link").GetProperty("id").GetString()!;
        var log = Clean(await RunAsync(owner, "link", "log", linkId));
        Assert.Contains("version-uploaded", log.Out, StringComparison.Ordinal);
        var downloads = Path.Combine(owner.WorkDirectory, "downloads");
        Clean(await RunAsync(owner, "get", fileId, "--version", "2", "-o", downloads + "/"));
        Assert.Equal(File.ReadAllBytes(RepositoryPaths.Fixture("report-edited.pdf")), File.ReadAllBytes(Assert.Single(Directory.GetFiles(downloads))));

        // --json is exact JSON: control and bidi characters escaped by the encoder, the name round-trips unchanged.
        var json = Clean(await RunAsync(owner, "versions", fileId, "--json"));
        using var document = JsonDocument.Parse(json.Out);
        var names = document.RootElement.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("number").GetInt32(), v => v.GetProperty("name").GetString());
        Assert.Equal(versionName, names[2]);
        Assert.Equal(ownerName, names[1]);
        using var listing = JsonDocument.Parse(Clean(await RunAsync(owner, "ls", "--json")).Out);
        Assert.Equal(ownerName, listing.RootElement.GetProperty("files")[0].GetProperty("name").GetString());
        Assert.Equal(folder, listing.RootElement.GetProperty("folders")[0].GetProperty("path").GetString());
    }

    /// <summary>Asserts the run succeeded and that neither stream holds a raw control (other than the line feed ending a line), C1, bidi or separator character.</summary>
    private static (string Out, string Err) Clean((int Exit, byte[] Out, byte[] Err) run)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var stdout = strict.GetString(run.Out);
        var stderr = strict.GetString(run.Err);
        Assert.True(run.Exit == 0, $"exit {run.Exit}\n{stdout}\n{stderr}");
        foreach (var (name, bytes) in new[] { ("stdout", run.Out), ("stderr", run.Err) })
        {
            var raw = Array.FindIndex(bytes, b => b is (< 0x20 and not 0x0A) or 0x7F);
            Assert.True(raw < 0, $"{name} has the raw byte 0x{(raw < 0 ? 0 : bytes[raw]):x2} at {raw}:\n{Encoding.UTF8.GetString(bytes)}");
        }

        Assert.DoesNotContain(stdout, c => c != '\n' && TerminalText.IsUnsafe(c));
        Assert.DoesNotContain(stderr, c => c != '\n' && TerminalText.IsUnsafe(c));
        return (stdout, stderr);
    }

    /// <summary>One <c>coffer</c> run, its output kept as the bytes written (not decoded), so nothing is hidden by a lenient decoder.</summary>
    private static async Task<(int Exit, byte[] Out, byte[] Err)> RunAsync(CliUser user, params string[] args)
    {
        using var process = user.Start(args);
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(stdout, timeout.Token), process.StandardError.BaseStream.CopyToAsync(stderr, timeout.Token));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
