namespace Coffer.Client.State;

/// <summary>Files and directories readable only by the current user (0600 / 0700 on Unix), written atomically.</summary>
public static class SecureFile
{
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void EnsurePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, PrivateDirectory);
        // An existing directory keeps its mode: tighten it, since it holds keys.
        File.SetUnixFileMode(path, PrivateDirectory);
    }

    /// <summary>Writes to a temporary file created 0600, then renames it over <paramref name="path"/>, so no reader ever sees half a file or a wider mode.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        EnsurePrivateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)) + ".tmp");
        using (var stream = OpenPrivate(temporary, FileMode.CreateNew))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Opens (creating with mode 0600 when needed) a file for writing.</summary>
    public static FileStream OpenPrivate(string path, FileMode mode, FileAccess access = FileAccess.Write)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.Read, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows() && mode is FileMode.CreateNew or FileMode.Create or FileMode.OpenOrCreate)
            options.UnixCreateMode = PrivateFile;
        return new FileStream(path, options);
    }
}
