using System.Globalization;
using System.Net;
using Coffer.Server.Features.Uploads;

namespace Coffer.Server.Tests.Features.Uploads;

public sealed class ExpiryTests : IAsyncLifetime
{
    private UploadTestHost host = null!;

    public async Task InitializeAsync() => host = await UploadTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EachPatch_PushesExpiryOut()
    {
        var data = TestData.SealedOfPlaintext(1000);
        var location = await host.CreateAsync(data.Length);
        host.Time.Advance(TimeSpan.FromHours(23));

        using var patch = await host.PatchAsync(location, 0, data[..10]);
        host.Time.Advance(TimeSpan.FromHours(23));
        var offset = await host.HeadOffsetAsync(location);

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero).AddHours(24).ToString("r", CultureInfo.InvariantCulture), patch.Headers.GetValues("Upload-Expires").Single());
        Assert.Equal(10, offset);
    }

    [Fact]
    public async Task ExpiredUpload_AnswersGone_ThenTheSweepRemovesItsBytes_ThenNotFound()
    {
        var data = TestData.SealedOfPlaintext(1000);
        var location = await host.CreateAsync(data.Length);
        var unfinished = await host.CreateAsync(data.Length, owner: "bob");
        using var patch = await host.PatchAsync(location, 0, data[..500]);
        host.Time.Advance(TimeSpan.FromHours(12));
        using var keepAlive = await host.PatchAsync(unfinished, 0, data[..1], owner: "bob");
        host.Time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));

        using var head = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, location));
        using var late = await host.PatchAsync(location, 500, data[500..]);
        var claim = await host.Get<IUploadStore>().TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal("upload-expired", await UploadTestHost.ErrorCodeOf(late));
        Assert.Equal(UploadClaimStatus.Expired, claim.Status);
        Assert.True(File.Exists(host.DataFileOf(location)));

        await host.Get<UploadSweeper>().SweepAsync(default);

        Assert.False(File.Exists(host.DataFileOf(location)));
        Assert.False(File.Exists(host.InfoFileOf(location)));
        using var afterSweep = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.NotFound, afterSweep.StatusCode);
        Assert.Equal(1, await host.HeadOffsetAsync(unfinished, owner: "bob"));
    }

    [Fact]
    public async Task TheHostedCleanup_RunsOnTheInjectedClock()
    {
        await using var withCleanup = await UploadTestHost.StartAsync(runCleanupService: true);
        var location = await withCleanup.CreateAsync(1064);
        withCleanup.Time.Advance(TimeSpan.FromHours(24));
        var deadline = Environment.TickCount64 + 10_000;

        // The PeriodicTimer fired by Advance sweeps on the thread pool; wait for its effect on disk, bounded.
        while (File.Exists(withCleanup.InfoFileOf(location)) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(5);
        }

        Assert.False(File.Exists(withCleanup.InfoFileOf(location)));
        Assert.False(File.Exists(withCleanup.DataFileOf(location)));
    }

    [Fact]
    public async Task Sweep_RemovesLeftoversThatHaveNoState_AndNothingElse()
    {
        Directory.CreateDirectory(host.UploadsDirectory);
        var strayData = Path.Combine(host.UploadsDirectory, "0123456789abcdef0123456789abcdef.bin");
        var strayState = Path.Combine(host.UploadsDirectory, "fedcba9876543210fedcba9876543210.json.tmp");
        var foreign = Path.Combine(host.UploadsDirectory, "README");
        await File.WriteAllBytesAsync(strayData, new byte[10]);
        await File.WriteAllBytesAsync(strayState, new byte[10]);
        await File.WriteAllBytesAsync(foreign, new byte[10]);
        var live = await host.CreateAsync(1064);

        await host.Get<UploadSweeper>().SweepAsync(default);

        Assert.False(File.Exists(strayData));
        Assert.False(File.Exists(strayState));
        Assert.True(File.Exists(foreign));
        Assert.True(File.Exists(host.DataFileOf(live)));
        Assert.True(File.Exists(host.InfoFileOf(live)));
    }
}
