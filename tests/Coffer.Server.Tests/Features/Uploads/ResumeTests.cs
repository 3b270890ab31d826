using System.Net;
using Coffer.Server.Features.Uploads;
using Coffer.Server.Infrastructure.Blobs;

namespace Coffer.Server.Tests.Features.Uploads;

public sealed class ResumeTests
{
    [Fact]
    public async Task InterruptedPatch_KeepsWhatArrived_AndTheUploadResumesFromHeadsOffset()
    {
        await using var host = await UploadTestHost.StartAsync();
        var data = TestData.SealedOfPlaintext(4 * 1024 * 1024);
        var location = await host.CreateAsync(data.Length);
        var sent = (5 * 1024 * 1024) / 2;
        var content = new InterruptingContent(data.AsMemory(0, sent), host.DataFileOf(location), waitForBytesOnDisk: 2 * 1024 * 1024);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.PatchAsync(location, 0, content));
        var offset = await host.HeadOffsetAsync(location);

        Assert.InRange(offset, 2 * 1024 * 1024, sent);
        using var rest = await host.PatchAsync(location, offset, data[(int)offset..]);
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        var claim = await host.Get<IUploadStore>().TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);
        Assert.Equal(UploadClaimStatus.Claimed, claim.Status);
        Assert.Equal(TestData.Sha256(data), claim.Upload!.Sha256);
    }

    [Fact]
    public async Task ServerRestartMidUpload_LosesNothingAcknowledged_AndFinishesByteExact()
    {
        var directory = UploadTestHost.NewDataDirectory();
        try
        {
            var data = TestData.SealedOfPlaintext(3 * 1024 * 1024);
            var firstPart = (2 * 1024 * 1024) + 12345;
            string location;
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
            await using (var before = await UploadTestHost.StartAsync(directory, time, ownsDirectory: false))
            {
                location = await before.CreateAsync(data.Length, metadata: "extension cGRm");
                using var patch = await before.PatchAsync(location, 0, data[..firstPart]);
                Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
            }

            await using var after = await UploadTestHost.StartAsync(directory, time, ownsDirectory: false);
            var offset = await after.HeadOffsetAsync(location);
            using var rest = await after.PatchAsync(location, offset, data[(int)offset..]);
            var claim = await after.Get<IUploadStore>().TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);

            Assert.Equal(firstPart, offset);
            Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
            Assert.Equal(UploadClaimStatus.Claimed, claim.Status);
            Assert.Equal(TestData.Sha256(data), claim.Upload!.Sha256);
            Assert.Equal(data.Length, claim.Upload.CiphertextLength);
            Assert.Equal("pdf", claim.Upload.Metadata["extension"]);
            await using var blob = await after.Get<IBlobStore>().OpenReadAsync(claim.Upload.BlobId, default);
            using var copy = new MemoryStream();
            await blob!.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
        }
        finally
        {
            UploadTestHost.DeleteDirectory(directory);
        }
    }

    [Fact]
    public async Task ServerRestartAfterTheLastByte_StillKnowsTheHash()
    {
        var directory = UploadTestHost.NewDataDirectory();
        try
        {
            var data = TestData.SealedOfPlaintext(100_000);
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
            string location;
            await using (var before = await UploadTestHost.StartAsync(directory, time, ownsDirectory: false))
            {
                location = await before.CreateAsync(data.Length);
                using var patch = await before.PatchAsync(location, 0, data);
            }
            await using var after = await UploadTestHost.StartAsync(directory, time, ownsDirectory: false);

            var claim = await after.Get<IUploadStore>().TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);

            Assert.Equal(TestData.Sha256(data), claim.Upload!.Sha256);
        }
        finally
        {
            UploadTestHost.DeleteDirectory(directory);
        }
    }

    /// <summary>Sends some bytes, waits until the server has written a given amount to disk, then fails like a dropped connection.</summary>
    private sealed class InterruptingContent(ReadOnlyMemory<byte> data, string serverFile, long waitForBytesOnDisk) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var position = 0; position < data.Length; position += 64 * 1024)
            {
                await stream.WriteAsync(data.Slice(position, Math.Min(64 * 1024, data.Length - position)));
            }
            await stream.FlushAsync();
            // Waits on real I/O (the server's file), not on time; bounded so a bug fails instead of hanging.
            var deadline = Environment.TickCount64 + 10_000;
            while (new FileInfo(serverFile).Length < waitForBytesOnDisk && Environment.TickCount64 < deadline)
            {
                await Task.Delay(5);
            }
            throw new IOException("Simulated dropped connection.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
