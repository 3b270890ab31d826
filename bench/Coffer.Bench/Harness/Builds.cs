using System.Runtime.InteropServices;

namespace Coffer.Bench.Harness;

/// <summary>Release builds of the server and the CLI into <c>bench/work/build/</c>, so a concurrent Debug build cannot swap binaries mid-run.</summary>
internal static class Builds
{
    public static string ServerDll => Path.Combine(BenchPaths.Work, "build", "server", "Coffer.Server.dll");

    public static string CliDll => Path.Combine(BenchPaths.Work, "build", "cli", "coffer.dll");

    public static string BenchDll => typeof(Builds).Assembly.Location;

    /// <summary>HEAD (and how many paths differed from it) when the server and CLI binaries were last built in this process.</summary>
    public static string? BuiltFrom { get; private set; }

    public static async Task<string> ServerAsync(bool rebuild = true)
    {
        if (rebuild || !File.Exists(ServerDll))
            await BuildAsync("src/Coffer.Server/Coffer.Server.csproj", Path.GetDirectoryName(ServerDll)!, "build", "-p:SkipWebBuild=true");
        return ServerDll;
    }

    /// <summary>The CLI, or null when it does not build (its engineers may be mid-change).</summary>
    public static async Task<string?> CliAsync(bool rebuild = true)
    {
        try
        {
            // Published for this machine with ReadyToRun, as `dotnet pack` (the README's install) ships it.
            if (rebuild || !File.Exists(CliDll))
                await BuildAsync("src/Coffer.Cli/Coffer.Cli.csproj", Path.GetDirectoryName(CliDll)!, "publish", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false");
            return CliDll;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("The CLI did not build: " + e.Message);
            return null;
        }
    }

    private static async Task BuildAsync(string project, string output, string verb, params string[] extra)
    {
        Console.WriteLine($"{verb} {project} (Release) → {Path.GetRelativePath(RepositoryPaths.Root(), output)}");
        for (var attempt = 1; ; attempt++)
        {
            var result = await ChildProcess.RunAsync(
                "dotnet",
                [verb, project, "-c", "Release", "-o", output, "-nologo", "-v", "q", "-clp:ErrorsOnly", .. extra],
                workingDirectory: RepositoryPaths.Root(),
                timeout: TimeSpan.FromMinutes(10));
            if (result.ExitCode == 0)
            {
                var dirty = MachineInfo.DirtyPathCount();
                BuiltFrom = $"{MachineInfo.Git("rev-parse HEAD")} + {dirty} uncommitted paths";
                return;
            }
            // Another engineer's concurrent build can hold a file; wait and retry a few times.
            if (attempt >= 3)
                throw new InvalidOperationException($"dotnet {verb} {project} failed:\n{result.Stdout}\n{result.Stderr}");
            Console.WriteLine($"  build failed (attempt {attempt}); retrying in 20 s");
            await Task.Delay(TimeSpan.FromSeconds(20));
        }
    }
}
