using System.Globalization;

namespace Coffer.Bench.Harness;

/// <summary>One reading of a process's memory, in bytes.</summary>
internal readonly record struct MemorySample(long Rss, long Peak, long Anon, long File, long Shmem);

/// <summary>Reads a process's resident set from <c>/proc/&lt;pid&gt;/status</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS, VmHWM and the RSS split (anonymous, file-backed, shared memory) in bytes; null when the process is gone.</summary>
    public static MemorySample? Read(int pid)
    {
        try
        {
            long rss = 0, peak = 0, anon = 0, file = 0, shmem = 0;
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    rss = Kilobytes(line) * 1024;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    peak = Kilobytes(line) * 1024;
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    anon = Kilobytes(line) * 1024;
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                    file = Kilobytes(line) * 1024;
                else if (line.StartsWith("RssShmem:", StringComparison.Ordinal))
                    shmem = Kilobytes(line) * 1024;
            }

            return new MemorySample(rss, peak, anon, file, shmem);
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
    public static double? Seconds(int pid) => Split(pid) is { } split ? split.User + split.System : null;

    /// <summary>
    /// Per thread, the nanoseconds it has spent runnable but waiting for a CPU (<c>/proc/&lt;pid&gt;/task/*/schedstat</c> field 2):
    /// on a shared machine, the time other work took from this process. Compare two snapshots with <see cref="RunQueueWaitBetween"/>.
    /// </summary>
    public static Dictionary<string, long> RunQueueSnapshot(int pid)
    {
        var waits = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
            {
                try
                {
                    var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                    waits[Path.GetFileName(task)] = long.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }
        catch (IOException)
        {
        }

        return waits;
    }

    /// <summary>Seconds of run-queue wait between two snapshots, over the threads alive at the second (threads that ended in between are not counted).</summary>
    public static double RunQueueWaitBetween(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Sum(t => t.Value - before.GetValueOrDefault(t.Key)) / 1e9;

    /// <summary>User and system CPU seconds used so far; null when the process is gone.</summary>
    public static (double User, double System)? Split(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) / TicksPerSecond, long.Parse(fields[12], CultureInfo.InvariantCulture) / TicksPerSecond);
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

    /// <summary>The sample at which <see cref="WindowPeakRss"/> was seen (its anonymous / file / shared split).</summary>
    public MemorySample WindowPeakSample { get; private set; }

    /// <summary>The highest anonymous (private heap and stacks) RSS sampled over the process's life.</summary>
    public long PeakAnon { get; private set; }

    public void ResetWindow()
    {
        WindowPeakRss = LastRss;
        WindowPeakSample = default;
    }

    public void Sample()
    {
        if (ProcessMemory.Read(pid) is not { } memory)
            return;
        LastRss = memory.Rss;
        if (memory.Rss >= WindowPeakRss)
            WindowPeakSample = memory;
        WindowPeakRss = Math.Max(WindowPeakRss, memory.Rss);
        HighWaterMark = Math.Max(HighWaterMark, memory.Peak);
        PeakAnon = Math.Max(PeakAnon, memory.Anon);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
