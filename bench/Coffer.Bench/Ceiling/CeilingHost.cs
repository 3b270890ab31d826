using System.Diagnostics;
using System.Globalization;
using Coffer.Bench.Harness;

namespace Coffer.Bench.Ceiling;

/// <summary>Runs <see cref="CeilingServer"/> as its own process (like the Coffer server) and stops it when disposed.</summary>
internal sealed class CeilingHost : IAsyncDisposable
{
    private readonly Process process;

    private CeilingHost(Process process, string baseAddress, string directory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Directory = directory;
        Memory = new RssSampler(process.Id, TimeSpan.FromMilliseconds(50));
    }

    public string BaseAddress { get; }

    public string Directory { get; }

    public RssSampler Memory { get; }

    /// <summary>CPU seconds (user + system) the process has used so far.</summary>
    public double CpuSeconds => ProcessCpu.Seconds(process.Id) ?? double.NaN;

    /// <summary>User and system CPU seconds the process has used so far.</summary>
    public (double User, double System) CpuSplit => ProcessCpu.Split(process.Id) ?? (double.NaN, double.NaN);

    public static async Task<CeilingHost> StartAsync()
    {
        var directory = BenchPaths.NewTempDirectory("ceiling");
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Builds.BenchDll, "ceiling-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", directory })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("ceiling: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new CeilingHost(process, $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", directory);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(host.BaseAddress + "/health");
                if (response.IsSuccessStatusCode)
                    return host;
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
                break;
            await Task.Delay(100);
        }

        await host.DisposeAsync();
        throw new InvalidOperationException("The ceiling server did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        await Memory.DisposeAsync();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        BenchPaths.DeleteQuietly(Directory);
    }
}
