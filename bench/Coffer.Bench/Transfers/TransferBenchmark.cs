using System.Text.Json.Nodes;
using Coffer.Bench.Ceiling;
using Coffer.Bench.Clients;
using Coffer.Bench.Harness;
using Coffer.Client.Owner;

namespace Coffer.Bench.Transfers;

/// <summary>
/// curl against a bare Kestrel endpoint (the ceiling) and Coffer's client against the real server, on the same random file in
/// the same run, repetitions interleaved so machine noise hits both sides alike.
/// </summary>
internal static class TransferBenchmark
{
    public const string OwnerEmail = "bench-owner@example.com";
    public const string RecipientEmail = "bench-recipient@example.com";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var sizeMiB = options.Int("--size-mib", 1024);
        var repetitions = options.Int("--reps", 3);
        var settle = TimeSpan.FromSeconds(options.Int("--settle-seconds", 10));
        var output = options.String("--output", ResultFile.DefaultPath("transfer"));
        var size = (long)sizeMiB << 20;
        var loadBefore = MachineInfo.LoadAverage();
        var work = BenchPaths.NewTempDirectory("transfer");
        try
        {
            var serverDll = await Builds.ServerAsync(!options.Flag("--no-build"));
            var payload = Path.Combine(work, "payload.bin");
            Console.WriteLine($"transfer: writing {sizeMiB} MiB of random bytes");
            var sha = await RandomFile.CreateAsync(payload, size);
            var pageState = await PageState.ProbeAsync(work, settle);
            Console.WriteLine($"transfer: page state {pageState.ToJsonString()}");

            await using var ceiling = await CeilingHost.StartAsync();
            await using var server = await CofferServer.StartAsync(serverDll);
            using var http = BenchOwner.Http(server.BaseAddress);
            var state = Directory.CreateDirectory(Path.Combine(work, "client-state")).FullName;
            var owner = await BenchOwner.CreateAsync(http, server.BaseAddress, OwnerEmail, Path.Combine(work, "owner-state"));
            var driver = await ClientDriver.ChooseAsync(options.String("--client", "auto"), server.BaseAddress, state, !options.Flag("--no-build"));
            await driver.LoginOwnerAsync(owner, OwnerEmail);
            Console.WriteLine("client: " + driver.Description);

            var runs = new Dictionary<string, List<ChildResult>>();
            var serverCpu = new Dictionary<string, List<(double User, double System)>>();
            Task Measure(string name, Func<(double User, double System)> cpuOfServer, Func<Task<ChildResult>> run) => MeasureAsync(runs, serverCpu, settle, name, cpuOfServer, run);
            (double, double) Ceiling() => ceiling.CpuSplit;
            (double, double) Coffer() => server.CpuSplit;
            var notes = new JsonArray();
            string? linkUrl = null;
            // --downloads-only (for working on the download path): upload once, unmeasured, then measure only the downloads.
            var downloadsOnly = options.Flag("--downloads-only");
            for (var rep = 0; rep < repetitions; rep++)
            {
                if (downloadsOnly)
                {
                    if (rep == 0)
                    {
                        await Curl(["-T", payload, "-H", "Expect:", "-o", "/dev/null", $"{ceiling.BaseAddress}/files/payload.bin"]);
                        (await driver.PutAsync(payload)).EnsureSuccess("coffer put");
                        linkUrl = await TryOpenLinkAsync(owner, server, http, driver, notes);
                    }

                    await Measure("curlDownload", Ceiling, () => Curl(["-o", Path.Combine(work, "curl-down.bin"), $"{ceiling.BaseAddress}/files/payload.bin"]));
                    await Verify(Path.Combine(work, "curl-down.bin"), sha);
                    await Measure("cofferGet", Coffer, () => driver.GetAsync("payload.bin", Path.Combine(work, "coffer-down.bin")));
                    await Verify(Path.Combine(work, "coffer-down.bin"), sha);
                    if (linkUrl is not null)
                    {
                        await Measure("recipientGet", Coffer, () => driver.GetLinkAsync(linkUrl, Path.Combine(work, "recipient-down.bin")));
                        await Verify(Path.Combine(work, "recipient-down.bin"), sha);
                    }

                    Console.WriteLine($"  rep {rep + 1}: " + string.Join("  ", runs.Select(r => $"{r.Key} {Stats.MBps(size, r.Value[^1].Seconds):F0}")));
                    continue;
                }

                // A new file per repetition, kept to the end as Coffer keeps every version: overwriting one would hand the
                // ceiling the pages its truncation just freed (see PageState).
                await Measure("curlUpload", Ceiling, () => Curl(["-T", payload, "-H", "Expect:", "-o", "/dev/null", $"{ceiling.BaseAddress}/files/payload-{rep}.bin"]));
                await Measure("curlDownload", Ceiling, () => Curl(["-o", Path.Combine(work, "curl-down.bin"), $"{ceiling.BaseAddress}/files/payload-{rep}.bin"]));
                await Verify(Path.Combine(work, "curl-down.bin"), sha);
                await Measure("curlUploadFsync", Ceiling, () => Curl(["-T", payload, "-H", "Expect:", "-o", "/dev/null", $"{ceiling.BaseAddress}/files/payload-fsync-{rep}.bin?fsync=true"]));
                await Measure("cofferPut", Coffer, () => driver.PutAsync(payload));
                await Measure("cofferGet", Coffer, () => driver.GetAsync("payload.bin", Path.Combine(work, "coffer-down.bin")));
                await Verify(Path.Combine(work, "coffer-down.bin"), sha);

                if (rep == 0)
                    linkUrl = await TryOpenLinkAsync(owner, server, http, driver, notes);
                if (linkUrl is not null)
                {
                    await Measure("recipientPush", Coffer, () => driver.PushAsync(linkUrl, payload));
                    await Measure("recipientGet", Coffer, () => driver.GetLinkAsync(linkUrl, Path.Combine(work, "recipient-down.bin")));
                    await Verify(Path.Combine(work, "recipient-down.bin"), sha);
                }

                Console.WriteLine($"  rep {rep + 1}: " + string.Join("  ", runs.Select(r => $"{r.Key} {Stats.MBps(size, r.Value[^1].Seconds):F0}")));
            }

            double PerGiB(IEnumerable<double> seconds) => Stats.Round(Stats.Median(seconds) * (1L << 30) / size, 2);
            double Median(string name) => Stats.Median(runs[name].Select(r => Stats.MBps(size, r.Seconds)));
            var ratios = new JsonObject
            {
                ["download"] = Stats.Round(Median("cofferGet") / Median("curlDownload"), 3),
                ["target"] = 0.80,
            };
            if (runs.ContainsKey("cofferPut"))
            {
                ratios["upload"] = Stats.Round(Median("cofferPut") / Median("curlUpload"), 3);
                ratios["uploadVsFsyncCeiling"] = Stats.Round(Median("cofferPut") / Median("curlUploadFsync"), 3);
            }

            if (runs.ContainsKey("recipientPush"))
                ratios["recipientPush"] = Stats.Round(Median("recipientPush") / Median("curlUpload"), 3);
            if (runs.ContainsKey("recipientGet"))
                ratios["recipientGet"] = Stats.Round(Median("recipientGet") / Median("curlDownload"), 3);

            Console.WriteLine($"median MB/s: {string.Join("  ", runs.Keys.Select(k => $"{k} {Median(k):F0}"))}");
            Console.WriteLine($"ratios: upload {ratios["upload"]?.ToString() ?? "-"}, download {ratios["download"]}");
            var report = new JsonObject
            {
                ["benchmark"] = "transfer",
                ["command"] = "dotnet run -c Release --project bench/Coffer.Bench -- transfer",
                ["inputs"] = new JsonObject
                {
                    ["fileBytes"] = size,
                    ["file"] = "random bytes (RandomNumberGenerator), in bench/work/ on the same disk as both servers' data",
                    ["repetitions"] = repetitions,
                    ["order"] = downloadsOnly
                        ? "--downloads-only: one unmeasured curl up and coffer put, then per repetition: curl down, coffer get, recipient get"
                        : "per repetition: curl up, curl down, curl up with fsync, coffer put, coffer get, recipient push, recipient get",
                    ["settleBeforeEachRunSeconds"] = settle.TotalSeconds,
                    ["pageState"] = pageState,
                    ["unit"] = "MB/s = 10^6 plaintext bytes per second of wall time of the client process (process start to exit)",
                    ["ceiling"] = "curl " + CurlVersion() + " against bench/Coffer.Bench ceiling-server: bare Kestrel, PUT streams the body to a file with overlapped 1 MiB writes (no fsync unless ?fsync=true), GET streams the file with overlapped 1 MiB reads",
                    ["coffer"] = driver.Description + "; owner put = seal + tus upload + commit, get = Range download + open to a file; recipient push/get through a cooperative link with a verified session",
                    ["server"] = "src/Coffer.Server Release build, separate process, fresh temporary data directory, settings: " + string.Join(", ", CofferServer.BenchSettings.Select(s => $"{s.Key}={s.Value}")),
                },
                ["runsSeconds"] = new JsonObject(runs.Select(r => KeyValuePair.Create<string, JsonNode?>(r.Key, ResultFile.Array(r.Value.Select(x => x.Seconds), 3)))),
                ["runsMBps"] = new JsonObject(runs.Select(r => KeyValuePair.Create<string, JsonNode?>(r.Key, ResultFile.Array(r.Value.Select(x => Stats.MBps(size, x.Seconds)))))),
                ["medianMBps"] = new JsonObject(runs.Keys.Select(k => KeyValuePair.Create<string, JsonNode?>(k, Stats.Round(Median(k))))),
                ["ratios"] = ratios,
                ["cpuSecondsPerGiB"] = new JsonObject(runs.Select(r => KeyValuePair.Create<string, JsonNode?>(r.Key, new JsonObject
                {
                    ["client"] = PerGiB(r.Value.Select(x => x.CpuSeconds)),
                    ["clientUser"] = PerGiB(r.Value.Select(x => x.UserSeconds)),
                    ["clientSystem"] = PerGiB(r.Value.Select(x => x.SystemSeconds)),
                    ["server"] = PerGiB(serverCpu[r.Key].Select(x => x.User + x.System)),
                    ["serverUser"] = PerGiB(serverCpu[r.Key].Select(x => x.User)),
                    ["serverSystem"] = PerGiB(serverCpu[r.Key].Select(x => x.System)),
                }))),
                ["cpuNote"] = "median user+system CPU seconds per GiB moved: client process (GNU time) and server process (/proc/<pid>/stat, before/after); the two processes share 2 cores with each other and with other work",
                ["clientPeakRssMiB"] = new JsonObject(runs.Select(r => KeyValuePair.Create<string, JsonNode?>(r.Key, Stats.Round(r.Value.Max(x => x.PeakRssBytes) / 1048576.0)))),
                ["serverPeakRssMiB"] = new JsonObject { ["coffer"] = Stats.Round(server.Memory.HighWaterMark / 1048576.0), ["ceiling"] = Stats.Round(ceiling.Memory.HighWaterMark / 1048576.0) },
                ["notes"] = notes,
                ["loadAverage"] = new JsonObject { ["before"] = loadBefore, ["after"] = MachineInfo.LoadAverage(), ["note"] = "1, 5, 15-minute load averages; 2 cores are shared by client, server and other work" },
                ["machine"] = MachineInfo.Describe(),
            };
            await ResultFile.WriteAsync(output, report);
            return 0;
        }
        finally
        {
            BenchPaths.DeleteQuietly(work);
        }
    }

    private static async Task MeasureAsync(Dictionary<string, List<ChildResult>> runs, Dictionary<string, List<(double User, double System)>> serverCpu, TimeSpan settle, string name, Func<(double User, double System)> cpuOfServer, Func<Task<ChildResult>> run)
    {
        await PageState.SettleAsync(settle);
        var before = cpuOfServer();
        var result = await run();
        var after = cpuOfServer();
        var used = (after.User - before.User, after.System - before.System);
        if (!runs.TryGetValue(name, out var list))
            runs[name] = list = [];
        list.Add(result);
        if (!serverCpu.TryGetValue(name, out var cpu))
            serverCpu[name] = cpu = [];
        cpu.Add(used);
    }

    private static async Task Verify(string path, string sha)
    {
        var actual = await RandomFile.Sha256Async(path);
        File.Delete(path);
        if (actual != sha)
            throw new InvalidOperationException($"{path} differs from the source (SHA-256 {actual} vs {sha})");
    }

    public static async Task<ChildResult> Curl(IEnumerable<string> arguments) =>
        (await ChildProcess.RunAsync("curl", ["-sS", "-f", "--no-progress-meter", .. arguments])).EnsureSuccess("curl");

    private static string CurlVersion()
    {
        var result = ChildProcess.RunAsync("curl", ["--version"]).GetAwaiter().GetResult();
        return result.Stdout.Split(' ', 3) is [_, var version, ..] ? version : "?";
    }

    /// <summary>Creates a cooperative link to the uploaded file and verifies the recipient; null (with a note) when the links flow is not ready.</summary>
    public static async Task<string?> TryOpenLinkAsync(OwnerSession owner, CofferServer server, HttpClient http, ClientDriver driver, JsonArray notes)
    {
        try
        {
            var file = (await owner.ListFilesAsync()).First(f => f.Name == "payload.bin").File;
            var (_, url) = await owner.CreateLinkAsync(file, new CreateLinkOptions(Modify: true), server.BaseAddress);
            await driver.OpenLinkAsync(url, RecipientEmail, new DevOutbox(http, server.BaseAddress));
            return url;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or Coffer.Client.Http.CofferApiException)
        {
            notes.Add("recipient push/get skipped: " + e.Message);
            Console.Error.WriteLine("recipient flow skipped: " + e);
            return null;
        }
    }
}
