using System.Text.RegularExpressions;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.EndToEnd;

/// <summary>Byte-exact round trips at the edges of the sealed-stream format, a large file, and an upload killed part-way.</summary>
[Collection(CofferServerCollection.Name)]
public sealed partial class TransferTests(ServerProcess server)
{
    private const int PlainSegment = 1024 * 1024 - 16;

    [Fact]
    public async Task PutThenGet_AtTheSegmentEdges_RoundTripsByteExact()
    {
        using var owner = Steps.NewUser("owner");
        await Steps.RegisterAsync(server, owner);
        (string Name, long Length)[] cases = [("empty.txt", 0), ("one-segment.bin", PlainSegment), ("one-segment-and-a-byte.bin", PlainSegment + 1)];
        foreach (var (name, length) in cases)
        {
            var source = Steps.RandomFile(owner.WorkDirectory, name, length);
            var put = await Steps.JsonAsync(owner, "put", source);
            Assert.Equal(1, put.GetProperty("version").GetInt32());
            var target = Path.Combine(owner.WorkDirectory, "back", name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await Steps.OkAsync(owner, "get", name, "-o", target);

            Assert.Equal(length, new FileInfo(target).Length);
            Assert.Equal(Steps.Sha256(source), Steps.Sha256(target));
        }
    }

    [Fact]
    public async Task LargeUpload_KilledPartWay_ResumesOnTheNextRun_AndRoundTripsByteExact()
    {
        using var owner = Steps.NewUser("owner");
        await Steps.RegisterAsync(server, owner);
        const long length = 300L * 1024 * 1024;
        var source = Steps.RandomFile(owner.WorkDirectory, "large.bin", length);

        // First run: killed as soon as its progress shows more than one 16 MiB chunk sent (so the server holds at least one).
        using (var first = owner.Start("put", source))
        {
            first.StandardInput.Close();
            var stdout = first.StandardOutput.ReadToEndAsync();
            var killedAt = -1;
            while (await first.StandardError.ReadLineAsync() is { } line)
            {
                if (Percent().Match(line) is { Success: true } match && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var percent && percent >= 12)
                {
                    killedAt = percent;
                    first.Kill(entireProcessTree: true);
                    break;
                }
            }

            await first.WaitForExitAsync();
            await stdout;
            Assert.InRange(killedAt, 12, 99);
        }

        // The resumable state (it holds keys) is private to the user.
        var stateFiles = Directory.GetFiles(Path.Combine(owner.ConfigDirectory, "config", "uploads"));
        var stateFile = Assert.Single(stateFiles);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stateFile));

        var second = await Steps.OkAsync(owner, "put", source);
        var resumed = Resumed().Match(second.StdErr);
        Assert.True(resumed.Success, second.ToString());
        Assert.True(long.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 16 * 1024 * 1024, second.StdErr);
        Assert.Empty(Directory.GetFiles(Path.Combine(owner.ConfigDirectory, "config", "uploads")));

        var files = await Steps.JsonAsync(owner, "ls");
        var file = Assert.Single(files.GetProperty("files").EnumerateArray());
        Assert.Equal(1, file.GetProperty("version").GetInt32());
        Assert.Equal(length, file.GetProperty("size").GetInt64());

        var target = Path.Combine(owner.WorkDirectory, "large-back.bin");
        await Steps.OkAsync(owner, "get", "large.bin", "-o", target);
        Assert.Equal(Steps.Sha256(source), Steps.Sha256(target));
        File.Delete(source);
        File.Delete(target);
    }

    [GeneratedRegex(@"\((\d+)%\)")]
    private static partial Regex Percent();

    [GeneratedRegex(@"Resuming at (\d+) bytes")]
    private static partial Regex Resumed();
}
