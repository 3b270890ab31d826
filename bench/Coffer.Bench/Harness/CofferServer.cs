using System.Diagnostics;
using System.Globalization;

namespace Coffer.Bench.Harness;

/// <summary>
/// The real Coffer server (Release build) as a separate process on a loopback port with its own temporary data directory,
/// the development outbox on, and rate limits raised so the benchmark's own setup traffic is not throttled.
/// </summary>
internal sealed class CofferServer : IAsyncDisposable
{
    /// <summary>The settings the benchmarks run the server with (recorded in every result file).</summary>
    public static readonly IReadOnlyDictionary<string, string> BenchSettings = new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        ["Mail__DevelopmentOutbox"] = "true",
        ["RateLimits__PerIpPerMinute"] = "100000",
        ["RateLimits__PerEmailPerMinute"] = "100000",
        ["Recipients__PerIpPerMinute"] = "100000",
        ["Recipients__CodesPerLinkPerHour"] = "100000",
        ["Recipients__CodesPerEmailPerHour"] = "10000",
        ["Recipients__CodesPerLinkEmailPerHour"] = "1000",
    };

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly bool keepData;

    private CofferServer(Process process, StreamWriter log, string baseAddress, string dataDirectory, bool keepData)
    {
        this.process = process;
        this.log = log;
        this.keepData = keepData;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        Memory = new RssSampler(process.Id, TimeSpan.FromMilliseconds(50));
    }

    public string BaseAddress { get; }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "coffer.db");

    public int Pid => process.Id;

    public RssSampler Memory { get; }

    /// <summary>CPU seconds (user + system) the process has used so far.</summary>
    public double CpuSeconds => ProcessCpu.Seconds(process.Id) ?? double.NaN;

    /// <summary>Per-thread run-queue waits now (see <see cref="ProcessCpu.RunQueueSnapshot"/>).</summary>
    public Dictionary<string, long> RunQueueSnapshot() => ProcessCpu.RunQueueSnapshot(process.Id);

    /// <summary>User and system CPU seconds the process has used so far.</summary>
    public (double User, double System) CpuSplit => ProcessCpu.Split(process.Id) ?? (double.NaN, double.NaN);

    public static async Task<CofferServer> StartAsync(string serverDll, string? dataDirectory = null, IReadOnlyDictionary<string, string>? extraSettings = null, bool keepData = false)
    {
        dataDirectory ??= BenchPaths.NewTempDirectory("server");
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort.Next();
        var baseAddress = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        info.ArgumentList.Add(serverDll);
        info.Environment["ASPNETCORE_URLS"] = baseAddress;
        info.Environment["Storage__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in BenchSettings)
            info.Environment[key] = value;
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        // For profiling only (e.g. DOTNET_PerfMapEnabled=1): KEY=VALUE pairs separated by ';'.
        foreach (var pair in (Environment.GetEnvironmentVariable("COFFER_BENCH_SERVER_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            info.Environment[pair.Split('=', 2)[0]] = pair.Split('=', 2)[1];

        var log = new StreamWriter(Path.Combine(dataDirectory, "server.log"), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new CofferServer(process, log, baseAddress, dataDirectory, keepData);
        try
        {
            await server.WaitHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}; see {Path.Combine(DataDirectory, "server.log")}");
            try
            {
                using var response = await http.GetAsync(BaseAddress + "/api/health");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The server did not become healthy within 60 s.");
    }

    /// <summary>Stops the process (and keeps the data directory when asked, e.g. to restart on the same data).</summary>
    public async ValueTask DisposeAsync()
    {
        await Memory.DisposeAsync();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (log)
            log.Dispose();
        if (!keepData)
            BenchPaths.DeleteQuietly(DataDirectory);
    }
}
