namespace Coffer.Web.Tests.Infrastructure;

/// <summary>Locations in the working tree the browser tests need: the built web app, the server, the artifacts folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where web/Web.targets puts the built app (the server's wwwroot).</summary>
    public static string WebRoot => Path.Combine(Root, "src", "Coffer.Server", "wwwroot");

    public static string ServerProjectDirectory => Path.Combine(Root, "src", "Coffer.Server");

    /// <summary>Test artifacts (screenshots), gitignored.</summary>
    public static string Screenshots => Directory.CreateDirectory(Path.Combine(Root, "artifacts", "screenshots")).FullName;

    /// <summary>The configuration this test assembly was built in (Debug/Release), read from its own output path.</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    public static string RequireBuiltWebApp()
    {
        var index = Path.Combine(WebRoot, "index.html");
        return File.Exists(index)
            ? WebRoot
            : throw new InvalidOperationException(
                $"The web app is not built ({index} is missing). Building src/Coffer.Server builds it (web/Web.targets); was it built with -p:SkipWebBuild=true?");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coffer.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find the repository root (Coffer.slnx) above " + AppContext.BaseDirectory);
    }
}
