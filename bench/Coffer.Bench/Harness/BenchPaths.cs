namespace Coffer.Bench.Harness;

/// <summary>Where the bench builds, keeps temporary data (gitignored <c>bench/work/</c>) and writes results.</summary>
internal static class BenchPaths
{
    public static string Work => Path.Combine(RepositoryPaths.Root(), "bench", "work");

    public static string Results => Path.Combine(RepositoryPaths.Root(), "bench", "results");

    /// <summary>A new empty directory under <c>bench/work/</c>.</summary>
    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Work, prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            else if (File.Exists(path))
                File.Delete(path);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"could not delete {path}: {e.Message}");
        }
    }
}
