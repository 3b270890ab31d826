using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Coffer.Server.Features.Uploads;
using Xunit.Abstractions;

namespace Coffer.Server.Tests.Features.Uploads;

/// <summary>Measures process-wide allocations, so nothing else may run at the same time.</summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

[Collection(nameof(AllocationSensitive))]
public sealed class LargeUploadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A64MiBUpload_InLargePatches_IsStreamedNotBuffered()
    {
        await using var host = await UploadTestHost.StartAsync();
        var length = SealedStreamLength.CiphertextLength(64L * 1024 * 1024);
        var location = await host.CreateAsync(length);
        // 40 MiB: beyond Kestrel's default 30 MB request body limit, which PATCH lifts.
        var chunk = 40L * 1024 * 1024;
        // Warm up the connection and the pools so the measurement sees steady state.
        using (await host.PatchAsync(location, 0, new PatternContent(0, 1)))
        {
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var offset = 1L; offset < length; offset += chunk)
        {
            using var response = await host.PatchAsync(location, offset, new PatternContent(offset, Math.Min(chunk, length - offset)));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"{length / 1048576.0 / clock.Elapsed.TotalSeconds:F0} MiB/s, {allocated / 1024} KiB allocated by the whole process");

        // Client and server together; buffering a body would cost at least its size (24 or 40 MiB).
        Assert.InRange(allocated, 0, 8L * 1024 * 1024);
        var claim = await host.Get<IUploadStore>().TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);
        Assert.Equal(PatternContent.Sha256(length), claim.Upload!.Sha256);
    }

    /// <summary>Bytes of a fixed pseudo-random pattern at [offset, offset + count), generated while sending.</summary>
    private sealed class PatternContent(long offset, long count) : HttpContent
    {
        // A prime-sized pattern so chunk and buffer boundaries never line up with its period.
        private static readonly byte[] Pattern = RandomNumberGenerator.GetBytes(65_521);

        public static byte[] Sha256(long length)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (long position = 0; position < length;)
            {
                var start = (int)(position % Pattern.Length);
                var take = (int)Math.Min(Pattern.Length - start, length - position);
                hash.AppendData(Pattern, start, take);
                position += take;
            }
            return hash.GetHashAndReset();
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var position = offset; position < offset + count;)
            {
                var start = (int)(position % Pattern.Length);
                var take = (int)Math.Min(Pattern.Length - start, offset + count - position);
                await stream.WriteAsync(Pattern.AsMemory(start, take));
                position += take;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = count;
            return true;
        }
    }
}
