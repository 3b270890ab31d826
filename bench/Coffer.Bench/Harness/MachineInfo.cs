using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Coffer.Bench.Harness;

/// <summary>What every result file records about the machine and the tree it measured.</summary>
internal static class MachineInfo
{
    public static JsonObject Describe() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["memoryMiB"] = MemoryMiB(),
        ["cpu"] = CpuModel(),
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["gitCommit"] = Git("rev-parse HEAD"),
        ["gitDirtyPaths"] = DirtyPathCount(),
        ["binariesBuiltFrom"] = Builds.BuiltFrom ?? "server/CLI not built by this process (--no-build): see the run's first result",
    };

    /// <summary>The 1-, 5- and 15-minute load averages.</summary>
    public static JsonArray LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg))
            return [];
        var parts = File.ReadAllText(loadavg).Split(' ');
        return new JsonArray(parts.Take(3).Select(p => (JsonNode?)double.Parse(p, CultureInfo.InvariantCulture)).ToArray());
    }

    public static double OneMinuteLoad() => LoadAverage() is [var first, ..] ? first!.GetValue<double>() : double.NaN;

    public static long? MemoryMiB()
    {
        const string meminfo = "/proc/meminfo";
        var line = File.Exists(meminfo) ? File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string? CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        return File.Exists(cpuinfo)
            ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
    }

    /// <summary>
    /// How many paths differ from the commit (others edit the same tree; the bench's own sources count too), leaving out the
    /// result files a run of <c>all</c> rewrites as it goes.
    /// </summary>
    public static int? DirtyPathCount()
    {
        var status = Git("status --porcelain --untracked-files=no -- . :(exclude)bench/results");
        return status is null ? null : status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    public static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root() });
            var output = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
