using System.Globalization;
using System.Text.Json.Nodes;
using Coffer.Bench.Harness;

namespace Coffer.Bench.Recipients;

/// <summary>
/// 200 verified recipient sessions on one cooperative link reading its metadata and small ranges of its versions for 60 s:
/// closed loop (the server's capacity, latency = queueing at saturation) and paced per-session rates (latency at a load).
/// </summary>
internal static class RecipientLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var sessions = options.Int("--sessions", 200);
        var seconds = options.Int("--seconds", 60);
        var pacedRates = options.String("--paced-rates", "1,5").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var output = options.String("--output", ResultFile.DefaultPath("recipients"));
        var loadBefore = MachineInfo.LoadAverage();
        var serverDll = await Builds.ServerAsync(!options.Flag("--no-build"));
        var work = BenchPaths.NewTempDirectory("recipients");
        try
        {
            await using var server = await CofferServer.StartAsync(serverDll);
            Console.WriteLine($"recipients: verifying {sessions} sessions");
            var setup = System.Diagnostics.Stopwatch.StartNew();
            var fixture = await RecipientFixture.CreateAsync(server, work, sessions, versions: 3, fileBytes: 4 << 20);
            var setupSeconds = setup.Elapsed.TotalSeconds;
            var generator = new LoadGenerator(server.BaseAddress, fixture);

            // Long enough for tiered compilation to finish promoting the request path on a loaded machine (profiles showed
            // LinkGate and RecipientReads still at tier 0 after 5 s).
            var warmUp = options.Int("--warm-up-seconds", 20);
            Console.WriteLine($"  warm-up {warmUp} s");
            await generator.RunAsync(TimeSpan.FromSeconds(warmUp), interval: null);

            var phases = new JsonArray();
            var loads = new List<(string Name, double? Rate)> { ("closed-loop", null) };
            loads.AddRange(pacedRates.Select(r => ($"paced {r.ToString(CultureInfo.InvariantCulture)} req/s per session", (double?)r)));
            foreach (var (name, rate) in loads)
            {
                server.Memory.ResetWindow();
                var load = MachineInfo.OneMinuteLoad();
                var serverCpuBefore = server.CpuSeconds;
                var serverWaitBefore = server.RunQueueSnapshot();
                var generatorCpuBefore = Environment.CpuUsage.TotalTime.TotalSeconds;
                var result = await generator.RunAsync(TimeSpan.FromSeconds(seconds), rate is { } r ? TimeSpan.FromSeconds(1 / r) : null);
                var serverCpu = server.CpuSeconds - serverCpuBefore;
                var serverWait = ProcessCpu.RunQueueWaitBetween(serverWaitBefore, server.RunQueueSnapshot());
                var generatorCpu = Environment.CpuUsage.TotalTime.TotalSeconds - generatorCpuBefore;
                var all = result.LatenciesMs.Values.SelectMany(l => l).ToList();
                var phase = new JsonObject
                {
                    ["phase"] = name,
                    ["sessions"] = sessions,
                    ["offeredRequestsPerSecond"] = rate is { } offered ? offered * sessions : null,
                    ["seconds"] = Stats.Round(result.Seconds, 2),
                    ["requests"] = result.Requests,
                    ["throughputPerSecond"] = Stats.Round(result.Requests / result.Seconds),
                    ["errors"] = result.ErrorCount,
                    ["errorsByCause"] = new JsonObject(result.Errors.Select(e => KeyValuePair.Create<string, JsonNode?>(e.Key, e.Value))),
                    ["latencyMs"] = Latencies(all),
                    ["latencyMsByKind"] = new JsonObject(result.LatenciesMs.Select(k => KeyValuePair.Create<string, JsonNode?>(k.Key, Latencies(k.Value)))),
                    ["serverPeakRssMiB"] = Stats.Round(server.Memory.WindowPeakRss / 1048576.0),
                    ["serverCpuSeconds"] = Stats.Round(serverCpu, 2),
                    ["serverCpuMsPerRequest"] = Stats.Round(serverCpu * 1000 / Math.Max(1, result.Requests + result.ErrorCount), 3),
                    ["serverRunQueueWaitSeconds"] = Stats.Round(serverWait, 2),
                    ["serverRunQueueWaitMsPerRequest"] = Stats.Round(serverWait * 1000 / Math.Max(1, result.Requests + result.ErrorCount), 3),
                    ["generatorCpuSeconds"] = Stats.Round(generatorCpu, 2),
                    ["cpuShareOfTwoCores"] = Stats.Round((serverCpu + generatorCpu) / (result.Seconds * Environment.ProcessorCount), 3),
                    ["loadAverageAtStart"] = load,
                };
                Console.WriteLine($"  {name}: {result.Requests / result.Seconds:F0} req/s, p50 {Stats.Percentile(all, 50):F1} ms, p99 {Stats.Percentile(all, 99):F1} ms, errors {result.ErrorCount}, server CPU {serverCpu * 1000 / Math.Max(1, result.Requests):F2} ms/request, generator CPU {generatorCpu:F1} s");
                phases.Add(phase);
            }

            var report = new JsonObject
            {
                ["benchmark"] = "recipients",
                ["command"] = "dotnet run -c Release --project bench/Coffer.Bench -- recipients",
                ["inputs"] = new JsonObject
                {
                    ["sessions"] = sessions,
                    ["secondsPerPhase"] = seconds,
                    ["link"] = "one cooperative link (access log and email verification on) to a 4 MiB file with 3 versions; each session verified by its own email with a code read from /dev/outbox.json",
                    ["requests"] = "each session alternates GET /api/l/{id} (LinkInfoDto with the available versions) and GET /api/l/{id}/versions/{n}/content?purpose=preview with Range of 64 KiB starting after byte 0 (not a logged preview start); headers X-Coffer-Link-Token and Authorization: Bearer <session>",
                    ["generator"] = "bench/Coffer.Bench (C#, one HttpClient with SocketsHttpHandler, MaxConnectionsPerServer = sessions), in the same machine as the server: both share the 2 cores",
                    ["closedLoop"] = "each session sends its next request as soon as the previous answer arrives: measures capacity; by Little's law latency ≈ sessions / throughput",
                    ["paced"] = "each session sends at a fixed rate; latency from the scheduled send time (includes any queueing)",
                    ["warmUpSeconds"] = warmUp,
                    ["warmUp"] = "closed loop before the measured phases, so the JIT's tiering settles",
                    ["runQueueWait"] = "time the server's threads were runnable but waiting for a CPU (sum over threads of /proc/<pid>/task/*/schedstat field 2): CPU taken by other processes on the shared machine",
                    ["server"] = "src/Coffer.Server Release build; rate limits raised for the setup of 200 sessions: " + string.Join(", ", CofferServer.BenchSettings.Select(s => $"{s.Key}={s.Value}")),
                    ["setupSeconds"] = Stats.Round(setupSeconds, 1),
                    ["codeRequestsRepeated"] = fixture.CodeRequestsRepeated,
                    ["codeRequestsRepeatedNote"] = "verification requests answered 202 without a mail arriving within 15 s, so asked again",
                },
                ["phases"] = phases,
                ["target"] = new JsonObject { ["p99Ms"] = 20, ["errors"] = 0 },
                ["loadAverage"] = new JsonObject { ["before"] = loadBefore, ["after"] = MachineInfo.LoadAverage() },
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

    private static JsonObject Latencies(List<double> values) => new()
    {
        ["count"] = values.Count,
        ["p50"] = Stats.Round(Stats.Percentile(values, 50), 2),
        ["p90"] = Stats.Round(Stats.Percentile(values, 90), 2),
        ["p99"] = Stats.Round(Stats.Percentile(values, 99), 2),
        ["max"] = Stats.Round(values.Count == 0 ? double.NaN : values.Max(), 2),
    };
}
