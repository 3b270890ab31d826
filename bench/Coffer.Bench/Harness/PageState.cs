using System.Text.Json.Nodes;

namespace Coffer.Bench.Harness;

/// <summary>
/// Puts the guest's free memory in the same state before every measured transfer. On a VM whose balloon reports free pages
/// to the host (virtio-balloon free page reporting), a page freed a moment ago is still backed, while one that stayed free
/// for a few seconds has been handed back and costs a host fault on its next first touch — charged as system time to
/// whichever process writes a new file into the page cache. Which writer met which pages used to be a matter of timing
/// (a deleted download just before it, or a truncated file); waiting before each run makes every writer meet reported pages.
/// </summary>
internal static class PageState
{
    private const string BalloonDrivers = "/sys/bus/virtio/drivers/virtio_balloon";
    private const int ReportingFeatureBit = 5; // VIRTIO_BALLOON_F_REPORTING

    public static Task SettleAsync(TimeSpan settle) => settle > TimeSpan.Zero ? Task.Delay(settle) : Task.CompletedTask;

    /// <summary>True, false, or null when the machine has no virtio balloon to ask.</summary>
    public static bool? FreePageReporting()
    {
        if (!Directory.Exists(BalloonDrivers))
            return null;
        foreach (var device in Directory.EnumerateDirectories(BalloonDrivers, "virtio*"))
        {
            var features = Path.Combine(device, "features");
            if (File.Exists(features) && File.ReadAllText(features).Trim() is { Length: > ReportingFeatureBit } bits)
                return bits[ReportingFeatureBit] == '1';
        }

        return null;
    }

    /// <summary>
    /// The evidence, measured in the same run: system CPU seconds per GiB for <c>dd</c> writing a new file right after a
    /// file of the same size was deleted, and again after <paramref name="settle"/>.
    /// </summary>
    public static async Task<JsonObject> ProbeAsync(string directory, TimeSpan settle, int sizeMiB = 512)
    {
        var perGiB = 1024.0 / sizeMiB;
        async Task<double> WriteAsync(string name)
        {
            var path = Path.Combine(directory, name);
            var result = (await ChildProcess.RunAsync("dd", ["if=/dev/zero", $"of={path}", "bs=1M", $"count={sizeMiB}", "status=none"])).EnsureSuccess("dd");
            return result.SystemSeconds * perGiB;
        }

        await WriteAsync("probe-a.bin");
        File.Delete(Path.Combine(directory, "probe-a.bin"));
        var justFreed = await WriteAsync("probe-b.bin");
        File.Delete(Path.Combine(directory, "probe-b.bin"));
        await SettleAsync(settle);
        var settled = await WriteAsync("probe-c.bin");
        File.Delete(Path.Combine(directory, "probe-c.bin"));
        return new JsonObject
        {
            ["freePageReporting"] = FreePageReporting(),
            ["settleSeconds"] = settle.TotalSeconds,
            ["ddSystemSecondsPerGiBRightAfterAFree"] = Stats.Round(justFreed, 2),
            ["ddSystemSecondsPerGiBAfterSettle"] = Stats.Round(settled, 2),
            ["note"] = $"dd of {sizeMiB} MiB into a new file in the benchmark's directory, right after deleting a file of that size and again after the settle that precedes every measured run",
        };
    }
}
