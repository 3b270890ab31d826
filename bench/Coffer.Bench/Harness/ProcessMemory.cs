using System.Globalization;

namespace Coffer.Bench.Harness;

/// <summary>Reads a process's resident set from <c>/proc/&lt;pid&gt;/status</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>(VmRSS, VmHWM) in bytes; null when the process is gone.</summary>
    public static (long Rss, long Peak)? Read(int pid)
    {
        try
        {
            long rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    rss = Kilobytes(line) * 1024;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    peak = Kilobytes(line) * 1024;
            }

            return (rss, peak);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>Reads a process's CPU time (user + system) from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds used so far; null when the process is gone.</summary>
    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Polls a process's RSS while it runs and keeps the highest values seen.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly int pid;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public RssSampler(int pid, TimeSpan interval)
    {
        this.pid = pid;
        loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                do
                {
                    Sample();
                }
                while (await timer.WaitForNextTickAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>The highest VmRSS sampled since the last <see cref="ResetWindow"/>.</summary>
    public long WindowPeakRss { get; private set; }

    /// <summary>The process's own high-water mark (VmHWM), as last read.</summary>
    public long HighWaterMark { get; private set; }

    public long LastRss { get; private set; }

    public void ResetWindow() => WindowPeakRss = LastRss;

    public void Sample()
    {
        if (ProcessMemory.Read(pid) is not { } memory)
            return;
        LastRss = memory.Rss;
        WindowPeakRss = Math.Max(WindowPeakRss, memory.Rss);
        HighWaterMark = Math.Max(HighWaterMark, memory.Peak);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
