using System.Text.Json.Nodes;
using Coffer.Bench.Clients;
using Coffer.Bench.Harness;
using Coffer.Bench.Transfers;

namespace Coffer.Bench.Memory;

/// <summary>
/// Peak RSS of the server and of the client process while a file goes up and comes back down, at 1 GiB and 5 GiB: flat memory
/// means the two sizes cost about the same. Each size gets a fresh server process, so its high-water mark belongs to that size.
/// </summary>
internal static class MemoryBenchmark
{
    private const double MiB = 1048576.0;

    private static JsonObject Split(MemorySample sample) => new()
    {
        ["rss"] = Stats.Round(sample.Rss / MiB),
        ["anonymous"] = Stats.Round(sample.Anon / MiB),
        ["file"] = Stats.Round(sample.File / MiB),
        ["shmem"] = Stats.Round(sample.Shmem / MiB),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var sizes = options.String("--sizes-mib", "1024,5120").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var output = options.String("--output", ResultFile.DefaultPath("memory"));
        var loadBefore = MachineInfo.LoadAverage();
        var serverDll = await Builds.ServerAsync(!options.Flag("--no-build"));
        var results = new JsonArray();
        var notes = new JsonArray();
        string? clientDescription = null;
        foreach (var sizeMiB in sizes)
        {
            var size = (long)sizeMiB << 20;
            Directory.CreateDirectory(BenchPaths.Work);
            var free = new DriveInfo(BenchPaths.Work).AvailableFreeSpace;
            // Source, stored blob and downloaded copy, plus headroom.
            if (free < Math.Max(20L << 30, 3 * size + (2L << 30)))
            {
                notes.Add($"{sizeMiB} MiB skipped: only {free / (1L << 30)} GiB free under bench/work (needs ≥ 20 GiB).");
                Console.WriteLine((string?)notes[^1]);
                continue;
            }

            var work = BenchPaths.NewTempDirectory("memory");
            try
            {
                Console.WriteLine($"memory: {sizeMiB} MiB");
                var payload = Path.Combine(work, "payload.bin");
                var sha = await RandomFile.CreateAsync(payload, size);
                await using var server = await CofferServer.StartAsync(serverDll);
                using var http = BenchOwner.Http(server.BaseAddress);
                var owner = await BenchOwner.CreateAsync(http, server.BaseAddress, TransferBenchmark.OwnerEmail, Path.Combine(work, "owner-state"));
                var driver = await ClientDriver.ChooseAsync(options.String("--client", "auto"), server.BaseAddress, Directory.CreateDirectory(Path.Combine(work, "client-state")).FullName, !options.Flag("--no-build"));
                clientDescription = driver.Description;
                await driver.LoginOwnerAsync(owner, TransferBenchmark.OwnerEmail);
                server.Memory.Sample();
                var idle = server.Memory.LastRss;

                server.Memory.ResetWindow();
                var put = await driver.PutAsync(payload);
                server.Memory.Sample();
                var putPeak = server.Memory.WindowPeakRss;
                var putSplit = server.Memory.WindowPeakSample;

                server.Memory.ResetWindow();
                var download = Path.Combine(work, "down.bin");
                var get = await driver.GetAsync("payload.bin", download);
                server.Memory.Sample();
                var getPeak = server.Memory.WindowPeakRss;
                var getSplit = server.Memory.WindowPeakSample;
                var same = await RandomFile.Sha256Async(download) == sha;
                File.Delete(download);
                if (!same)
                    throw new InvalidOperationException("the downloaded file differs from the source");

                var row = new JsonObject
                {
                    ["sizeMiB"] = sizeMiB,
                    ["serverRssAfterSetupMiB"] = Stats.Round(idle / MiB),
                    ["serverPeakRssDuringPutMiB"] = Stats.Round(putPeak / MiB),
                    ["serverPeakRssDuringGetMiB"] = Stats.Round(getPeak / MiB),
                    ["serverHighWaterMarkMiB"] = Stats.Round(server.Memory.HighWaterMark / MiB),
                    ["serverPeakAnonMiB"] = Stats.Round(server.Memory.PeakAnon / MiB),
                    ["serverPeakSplitPutMiB"] = Split(putSplit),
                    ["serverPeakSplitGetMiB"] = Split(getSplit),
                    ["clientPeakRssPutMiB"] = Stats.Round(put.PeakRssBytes / MiB),
                    ["clientPeakRssGetMiB"] = Stats.Round(get.PeakRssBytes / MiB),
                    ["putSeconds"] = Stats.Round(put.Seconds, 2),
                    ["getSeconds"] = Stats.Round(get.Seconds, 2),
                    ["putMBps"] = Stats.Round(Stats.MBps(size, put.Seconds)),
                    ["getMBps"] = Stats.Round(Stats.MBps(size, get.Seconds)),
                    ["downloadMatchesSource"] = same,
                };
                Console.WriteLine("  " + row.ToJsonString());
                results.Add(row);
            }
            finally
            {
                BenchPaths.DeleteQuietly(work);
            }
        }

        var summary = new JsonObject { ["targetServerPeakMiB"] = 150 };
        if (results.Count >= 2)
        {
            double Peak(JsonNode? row, string key) => row![key]!.GetValue<double>();
            var first = results[0];
            var last = results[^1];
            summary["serverPeakRatioLargestToSmallest"] = Stats.Round(Peak(last, "serverHighWaterMarkMiB") / Peak(first, "serverHighWaterMarkMiB"), 3);
            summary["clientPutPeakRatioLargestToSmallest"] = Stats.Round(Peak(last, "clientPeakRssPutMiB") / Peak(first, "clientPeakRssPutMiB"), 3);
            summary["clientGetPeakRatioLargestToSmallest"] = Stats.Round(Peak(last, "clientPeakRssGetMiB") / Peak(first, "clientPeakRssGetMiB"), 3);
        }

        summary["serverPeakMaxMiB"] = results.Count == 0 ? null : results.Max(r => r!["serverHighWaterMarkMiB"]!.GetValue<double>());
        var report = new JsonObject
        {
            ["benchmark"] = "memory",
            ["command"] = "dotnet run -c Release --project bench/Coffer.Bench -- memory",
            ["inputs"] = new JsonObject
            {
                ["sizesMiB"] = new JsonArray(sizes.Select(s => (JsonNode?)s).ToArray()),
                ["file"] = "random bytes, one owner put then one get of the latest version, verified by SHA-256",
                ["client"] = clientDescription,
                ["server"] = "src/Coffer.Server Release build, a fresh process and data directory per size; settings: " + string.Join(", ", CofferServer.BenchSettings.Select(s => $"{s.Key}={s.Value}")),
                ["serverMeasure"] = "VmRSS polled every 50 ms from /proc/<pid>/status per phase, and the process's VmHWM (peak over its whole life, startup included)",
                ["clientMeasure"] = "peak RSS of the client process (GNU time %M = wait4 ru_maxrss)",
                ["rssSplit"] = "RssAnon = the process's private memory (GC heap, native buffers, stacks); RssFile = mapped files (the runtime, framework and ICU libraries; shared with other .NET processes and reclaimable); RssShmem = shared memory (the runtime's W^X double-mapped JIT code)",
            },
            ["results"] = results,
            ["summary"] = summary,
            ["notes"] = notes,
            ["loadAverage"] = new JsonObject { ["before"] = loadBefore, ["after"] = MachineInfo.LoadAverage() },
            ["machine"] = MachineInfo.Describe(),
        };
        await ResultFile.WriteAsync(output, report);
        return 0;
    }
}
