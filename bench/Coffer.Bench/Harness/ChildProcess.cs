using System.Diagnostics;
using System.Text;

namespace Coffer.Bench.Harness;

/// <summary>What a finished child process did: exit code, wall time, output, peak RSS.</summary>
internal sealed record ChildResult(int ExitCode, double Seconds, string Stdout, string Stderr, long PeakRssBytes, double UserSeconds, double SystemSeconds)
{
    public double CpuSeconds => UserSeconds + SystemSeconds;

    public ChildResult EnsureSuccess(string what) => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{Stderr}\n{Stdout}");
}

/// <summary>Runs a program to completion, timing it and sampling its memory; never leaves it running.</summary>
internal static class ChildProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static async Task<ChildResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        Func<Process, Task>? whileRunning = null,
        TimeSpan? timeout = null)
    {
        // GNU time reports the child's exact peak RSS (wait4's ru_maxrss), which polling can miss at the very end.
        var timeOutput = File.Exists(GnuTime) ? Path.Combine(Path.GetTempPath(), "coffer-bench-time-" + Guid.NewGuid().ToString("N")) : null;
        var info = new ProcessStartInfo(timeOutput is null ? fileName : GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (timeOutput is not null)
        {
            foreach (var argument in new[] { "-f", "%M %U %S", "-o", timeOutput, fileName })
                info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await using var sampler = new RssSampler(process.Id, TimeSpan.FromMilliseconds(20));
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(30));
        try
        {
            if (whileRunning is not null)
                await whileRunning(process);
            else
                process.StandardInput.Close();
            await process.WaitForExitAsync(cancel.Token);
        }
        catch
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            throw;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var peak = sampler.HighWaterMark;
        double user = double.NaN, system = double.NaN;
        if (timeOutput is not null && File.Exists(timeOutput))
        {
            var lines = (await File.ReadAllLinesAsync(timeOutput)).Where(l => l.Length > 0).ToArray();
            File.Delete(timeOutput);
            var fields = lines.Length > 0 ? lines[^1].Split(' ') : [];
            if (fields.Length == 3 && long.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out var kilobytes))
            {
                peak = kilobytes * 1024;
                user = double.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                system = double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // GNU time's own exit code is the child's.
        lock (stdout)
        lock (stderr)
            return new ChildResult(process.ExitCode, seconds, stdout.ToString(), stderr.ToString(), peak, user, system);
    }
}
