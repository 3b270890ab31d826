namespace Coffer.Bench;

/// <summary>Locates the repository root so outputs land in the tree whatever the working directory.</summary>
internal static class RepositoryPaths
{
    public static string Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Coffer.slnx")))
                    return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Coffer.slnx above " + AppContext.BaseDirectory + " or the current directory");
    }
}
