namespace Coffer.Cli.Tests.Infrastructure;

/// <summary>Finds the repository and the build outputs of the server and the CLI for the configuration these tests were built in.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, read from this assembly's own output path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ServerDll => Output("Coffer.Server", "Coffer.Server.dll");

    public static string CliDll => Output("Coffer.Cli", "coffer.dll");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string Output(string project, string dll)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} ({Configuration}) first.", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Coffer.slnx")))
                return directory.FullName;
        }

        throw new InvalidOperationException("Coffer.slnx not found above " + AppContext.BaseDirectory);
    }
}
