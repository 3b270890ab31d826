using Coffer.Client.Links;
using Coffer.Client.State;
using Coffer.Contracts.Links;

namespace Coffer.Cli.Tests.Client;

/// <summary>The access-log head remembered on disk catches what a hash chain alone cannot: entries cut off the end.</summary>
public sealed class AccessLogHeadsTests : IDisposable
{
    private const string LinkId = "m5AAlWGZ8Q01E4UxODqvlg";
    private readonly string directory = Directory.CreateTempSubdirectory("coffer-heads-").FullName;
    private readonly Dictionary<long, string> serverHashes = [];

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task AnIntactLog_IsRemembered_AndALongerOneThatKeepsTheRememberedEntry_StaysIntact()
    {
        var heads = new AccessLogHeads(new StateDirectory(directory));
        Log(12);

        var first = await heads.CheckAsync(LinkId, Verdict(12), EntryAt, CancellationToken.None);
        Log(15);
        var second = await heads.CheckAsync(LinkId, Verdict(15), EntryAt, CancellationToken.None);

        Assert.True(first.Intact);
        Assert.True(second.Intact);
        Assert.Equal(new AccessLogHead(15, Hash(15)), heads.Find(LinkId));
    }

    [Fact]
    public async Task ALogShorterThanTheRememberedHead_IsBrokenAfterItsLastEntry()
    {
        var heads = new AccessLogHeads(new StateDirectory(directory));
        Log(15);
        await heads.CheckAsync(LinkId, Verdict(15), EntryAt, CancellationToken.None);
        serverHashes.Remove(15);

        var result = await heads.CheckAsync(LinkId, Verdict(14), EntryAt, CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(15, result.FirstBrokenSequence);
        Assert.Contains("removed from its end", result.Problem, StringComparison.Ordinal);
        Assert.Equal(15, heads.Find(LinkId)!.Sequence);
    }

    [Fact]
    public async Task ALogRewrittenFromTheRememberedEntry_IsBrokenThere_EvenWhenItIsLongerAndChainsCorrectly()
    {
        var heads = new AccessLogHeads(new StateDirectory(directory));
        Log(10);
        await heads.CheckAsync(LinkId, Verdict(10), EntryAt, CancellationToken.None);
        serverHashes[10] = new string('f', 64);
        Log(12);

        var result = await heads.CheckAsync(LinkId, Verdict(12), EntryAt, CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(10, result.FirstBrokenSequence);
        Assert.Equal(10, heads.Find(LinkId)!.Sequence);
    }

    [Fact]
    public async Task TheServersBrokenVerdict_PassesThrough_AndMovesNothing()
    {
        var heads = new AccessLogHeads(new StateDirectory(directory));
        var broken = new AccessLogVerificationDto(false, 7, 7, "The row's content does not match its hash.", Hash(6));

        var result = await heads.CheckAsync(LinkId, broken, EntryAt, CancellationToken.None);

        Assert.Same(broken, result);
        Assert.Null(heads.Find(LinkId));
    }

    [Fact]
    public async Task TheRememberedHead_IsAPrivateFile()
    {
        var heads = new AccessLogHeads(new StateDirectory(directory));
        Log(3);
        await heads.CheckAsync(LinkId, Verdict(3), EntryAt, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(directory, "log-heads")));
        Assert.DoesNotContain(LinkId, file, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    private static string Hash(long sequence) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(sequence)));

    private static AccessLogVerificationDto Verdict(long count) => new(true, count, null, null, Hash(count));

    private void Log(long count)
    {
        for (var sequence = 1; sequence <= count; sequence++)
            serverHashes.TryAdd(sequence, Hash(sequence));
    }

    private Task<AccessLogEntryDto?> EntryAt(long sequence, CancellationToken cancellationToken) =>
        Task.FromResult(serverHashes.TryGetValue(sequence, out var hash)
            ? new AccessLogEntryDto(sequence, DateTimeOffset.UnixEpoch, LinkId, Guid.Empty, "opened", null, null, null, null, null, "", hash)
            : null);
}
