using System.Net;
using Coffer.Server.Features.Uploads;
using Coffer.Server.Infrastructure.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Features.Uploads;

public sealed class ClaimTests : IAsyncLifetime
{
    private UploadTestHost host = null!;

    public async Task InitializeAsync() => host = await UploadTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private IUploadStore Uploads => host.Get<IUploadStore>();

    private IBlobStore Blobs => host.Get<IBlobStore>();

    [Fact]
    public async Task Claim_OfAnIncompleteUpload_IsRefused()
    {
        var data = TestData.SealedOfPlaintext(1000);
        var location = await host.CreateAsync(data.Length);
        using var patch = await host.PatchAsync(location, 0, data[..999]);

        var claim = await Uploads.TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);
        var progress = await Uploads.GetProgressAsync(UploadTestHost.IdOf(location), "alice", default);

        Assert.Equal(UploadClaimStatus.Incomplete, claim.Status);
        Assert.Null(claim.Upload);
        Assert.False(progress!.IsComplete);
        Assert.Equal(999, progress.Offset);
    }

    [Fact]
    public async Task Claim_MovesTheBytesIntoTheBlobStore_AndASecondClaimIsRefused()
    {
        var data = TestData.SealedOfPlaintext(1000);
        var location = await host.CreateAsync(data.Length);
        using var patch = await host.PatchAsync(location, 0, data);
        Assert.True((await Uploads.GetProgressAsync(UploadTestHost.IdOf(location), "alice", default))!.IsComplete);

        var first = await Uploads.TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);
        var second = await Uploads.TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);

        Assert.Equal(UploadClaimStatus.Claimed, first.Status);
        Assert.NotEqual(UploadTestHost.IdOf(location), first.Upload!.BlobId.Value);
        Assert.Equal(data.Length, await Blobs.GetLengthAsync(first.Upload.BlobId, default));
        Assert.False(File.Exists(host.DataFileOf(location)));
        Assert.Equal(UploadClaimStatus.AlreadyClaimed, second.Status);
        using var delete = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Delete, location));
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
    }

    [Fact]
    public async Task ConfirmedClaim_ForgetsTheUpload_AndKeepsTheBlob()
    {
        var data = TestData.SealedOfPlaintext(10);
        var location = await host.CreateAsync(data.Length);
        using var patch = await host.PatchAsync(location, 0, data);
        var claim = (await Uploads.TryClaimAsync(UploadTestHost.IdOf(location), "alice", default)).Upload!;

        await Uploads.ConfirmClaimAsync(claim, default);

        Assert.Null(await Uploads.GetProgressAsync(UploadTestHost.IdOf(location), "alice", default));
        Assert.Equal(UploadClaimStatus.NotFound, (await Uploads.TryClaimAsync(UploadTestHost.IdOf(location), "alice", default)).Status);
        Assert.True(await Blobs.ExistsAsync(claim.BlobId, default));
        Assert.Empty(Directory.EnumerateFiles(host.UploadsDirectory));
    }

    [Fact]
    public async Task ReleasedClaim_CanBeClaimedAgain_AndOnExpiryItsBlobIsDeleted()
    {
        var data = TestData.SealedOfPlaintext(10);
        var location = await host.CreateAsync(data.Length);
        using var patch = await host.PatchAsync(location, 0, data);
        var claim = (await Uploads.TryClaimAsync(UploadTestHost.IdOf(location), "alice", default)).Upload!;

        await Uploads.ReleaseClaimAsync(claim, default);
        var again = await Uploads.TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);
        await Uploads.ReleaseClaimAsync(again.Upload!, default);
        host.Time.Advance(TimeSpan.FromHours(25));
        await host.Get<UploadSweeper>().SweepAsync(default);

        Assert.Equal(UploadClaimStatus.Claimed, again.Status);
        Assert.Equal(claim.BlobId, again.Upload!.BlobId);
        Assert.Equal(claim.Sha256, again.Upload.Sha256);
        Assert.False(await Blobs.ExistsAsync(claim.BlobId, default));
        Assert.Empty(Directory.EnumerateFiles(host.UploadsDirectory));
    }

    [Fact]
    public async Task UnconfirmedClaim_AfterTheGrace_IsSettledByTheSweeper()
    {
        var checker = new SetReferenceChecker();
        await using var withChecker = await StartWithCheckerAsync(checker);
        var uploads = withChecker.Get<IUploadStore>();
        var data = TestData.SealedOfPlaintext(10);
        var committed = await withChecker.CreateAsync(data.Length);
        var abandoned = await withChecker.CreateAsync(data.Length);
        using (await withChecker.PatchAsync(committed, 0, data))
        using (await withChecker.PatchAsync(abandoned, 0, data))
        {
        }
        var committedClaim = (await uploads.TryClaimAsync(UploadTestHost.IdOf(committed), "alice", default)).Upload!;
        var abandonedClaim = (await uploads.TryClaimAsync(UploadTestHost.IdOf(abandoned), "alice", default)).Upload!;
        checker.Referenced.Add(committedClaim.BlobId);

        withChecker.Time.Advance(TimeSpan.FromMinutes(31));
        await withChecker.Get<UploadSweeper>().SweepAsync(default);

        Assert.False(File.Exists(withChecker.InfoFileOf(committed)));
        Assert.True(await withChecker.Get<IBlobStore>().ExistsAsync(committedClaim.BlobId, default));
        var retried = await uploads.TryClaimAsync(UploadTestHost.IdOf(abandoned), "alice", default);
        Assert.Equal(UploadClaimStatus.Claimed, retried.Status);
        Assert.Equal(abandonedClaim.BlobId, retried.Upload!.BlobId);
    }

    private static async Task<UploadTestHost> StartWithCheckerAsync(SetReferenceChecker checker)
    {
        var directory = UploadTestHost.NewDataDirectory();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        return await UploadTestHost.StartAsync(directory, time, ownsDirectory: true, configureServices: services => services.AddSingleton<IBlobReferenceChecker>(checker));
    }

    private sealed class SetReferenceChecker : IBlobReferenceChecker
    {
        public HashSet<BlobId> Referenced { get; } = [];

        public Task<bool> IsReferencedAsync(BlobId id, CancellationToken cancellationToken) => Task.FromResult(Referenced.Contains(id));
    }
}
