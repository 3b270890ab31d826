using System.Diagnostics;
using System.Globalization;
using Coffer.Client;
using Spectre.Console;

namespace Coffer.Cli.Infrastructure;

/// <summary>Shows a transfer: a live Spectre bar with rate and time left on a terminal, else a plain line at most twice a second on stderr.</summary>
public static class TransferDisplay
{
    public static async Task<T> RunAsync<T>(CliEnvironment environment, string description, Func<IProgress<TransferProgress>, Task<T>> transfer)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(transfer);
        // The description holds a file name, which someone else may have chosen.
        description = TerminalText.Safe(description);
        if (environment.LiveProgress)
        {
            T result = default!;
            await environment.Err.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), autoStart: true, maxValue: 1);
                    var resumedShown = false;
                    var progress = new SynchronousProgress(p =>
                    {
                        if (!resumedShown && p.StartedAt > 0)
                        {
                            resumedShown = true;
                            environment.Err.MarkupLine($"Resuming at {Sizes.Bytes(p.StartedAt)} of {Sizes.Bytes(p.Total)}.");
                        }

                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    });
                    result = await transfer(progress);
                    task.Value = task.MaxValue;
                });
            return result;
        }

        var clock = Stopwatch.StartNew();
        var lastPrint = TimeSpan.FromSeconds(-1);
        var announced = false;
        long lastDone = -1;
        long firstDone = -1;
        var plain = new SynchronousProgress(p =>
        {
            if (firstDone < 0)
                firstDone = p.Done;
            if (!announced && p.StartedAt > 0)
            {
                announced = true;
                Console.Error.WriteLine($"Resuming at {p.StartedAt.ToString(CultureInfo.InvariantCulture)} bytes ({Sizes.Bytes(p.StartedAt)} of {Sizes.Bytes(p.Total)}).");
            }

            var now = clock.Elapsed;
            // At most twice a second, but at least every 16 MiB, so logs of fast transfers still show their course.
            if ((p.Done < p.Total && now - lastPrint < TimeSpan.FromMilliseconds(500) && p.Done - lastDone < 16 * 1024 * 1024) || p.Done == lastDone)
                return;
            lastPrint = now;
            lastDone = p.Done;
            var percent = p.Total == 0 ? 100 : (int)(p.Done * 100 / p.Total);
            Console.Error.WriteLine($"{description}: {Sizes.Bytes(p.Done)} of {Sizes.Bytes(p.Total)} ({percent}%), {RateAndTimeLeft(p, firstDone, now)}");
        });
        return await transfer(plain);
    }

    /// <summary>"1.2 MB/s, 3s left" once bytes have moved since the first report; "—" before (a rate of nothing is no estimate).</summary>
    private static string RateAndTimeLeft(TransferProgress p, long firstDone, TimeSpan elapsed)
    {
        if (p.Done >= p.Total)
            return "done";
        if (p.Done <= firstDone)
            return "—";
        var rate = (p.Done - firstDone) / Math.Max(0.001, elapsed.TotalSeconds);
        var left = TimeSpan.FromSeconds(Math.Min((p.Total - p.Done) / rate, 360_000));
        return $"{Sizes.Bytes(rate)}/s, {Sizes.Duration(left)} left";
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder reports).</summary>
    private sealed class SynchronousProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        private readonly Lock gate = new();

        public void Report(TransferProgress value)
        {
            lock (gate)
                report(value);
        }
    }
}
