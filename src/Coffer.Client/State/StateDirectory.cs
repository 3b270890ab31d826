namespace Coffer.Client.State;

/// <summary>The per-user directory holding sessions, link sessions and resumable upload state: <c>COFFER_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/coffer</c>, else <c>~/.config/coffer</c>.</summary>
public sealed class StateDirectory
{
    public StateDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string UploadsPath => System.IO.Path.Combine(Path, "uploads");

    public static StateDirectory FromEnvironment()
    {
        var explicitDirectory = Environment.GetEnvironmentVariable("COFFER_CONFIG_DIR");
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
            return new StateDirectory(explicitDirectory);
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new StateDirectory(System.IO.Path.Combine(root, "coffer"));
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
