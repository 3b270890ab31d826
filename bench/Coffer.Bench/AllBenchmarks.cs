using Coffer.Bench.Harness;

namespace Coffer.Bench;

/// <summary>Runs every benchmark with its full-size defaults (or small ones with <c>--quick</c>), then writes the summary.</summary>
internal static class AllBenchmarks
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var quick = options.Flag("--quick");
        var skip = options.String("--skip", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var outputDirectory = options.String("--results", BenchPaths.Results);
        string Output(string name) => Path.Combine(outputDirectory, name + ".json");

        // Build the server and the CLI once, from the tree as it is now; every benchmark then runs those binaries.
        // --no-build reuses binaries built just before (e.g. to start the measurements at a quieter moment).
        var build = !options.Flag("--no-build");
        await Builds.ServerAsync(build);
        await Builds.CliAsync(build);
        var steps = new (string Name, Func<string[], Task<int>> Run, string[] Args)[]
        {
            ("crypto", Crypto.CryptoBenchmark.RunAsync, quick ? ["--size-mib", "128"] : []),
            ("transfer", Transfers.TransferBenchmark.RunAsync, quick ? ["--size-mib", "64", "--reps", "1"] : []),
            ("memory", Memory.MemoryBenchmark.RunAsync, quick ? ["--sizes-mib", "64,256"] : []),
            ("recipients", Recipients.RecipientLoadBenchmark.RunAsync, quick ? ["--sessions", "20", "--seconds", "5", "--warm-up-seconds", "3"] : []),
            ("history", History.HistoryBenchmark.RunAsync, quick ? ["--events", "20000", "--versions", "1000", "--fetches", "10"] : []),
        };
        var failed = new List<string>();
        foreach (var (name, run, extra) in steps)
        {
            if (skip.Contains(name))
                continue;
            Console.WriteLine($"== {name} (load average {string.Join(" ", MachineInfo.LoadAverage().Select(l => l?.ToString()))})");
            try
            {
                var code = await run([.. extra, "--no-build", "--output", Output(name)]);
                if (code != 0)
                    failed.Add(name);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException)
            {
                Console.Error.WriteLine($"{name} failed: {e}");
                failed.Add(name);
            }
        }

        await Summary.SummaryWriter.RunAsync(["--results", outputDirectory]);
        if (failed.Count > 0)
            Console.Error.WriteLine("failed: " + string.Join(", ", failed));
        return failed.Count == 0 ? 0 : 1;
    }
}
