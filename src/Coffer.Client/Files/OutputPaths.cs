namespace Coffer.Client.Files;

/// <summary>Where a download goes: an explicit file path as given, or a sanitized decrypted name inside a directory (the current one by default).</summary>
public static class OutputPaths
{
    public static string Resolve(string? output, string? decryptedName, string extension)
    {
        var fallback = extension.Length == 0 ? "download" : "download." + extension;
        if (string.IsNullOrEmpty(output))
            return SafeFileName.InDirectory(Directory.GetCurrentDirectory(), decryptedName, fallback);
        if (Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar))
        {
            Directory.CreateDirectory(output);
            return SafeFileName.InDirectory(output, decryptedName, fallback);
        }

        // A path the user typed is theirs to choose; only names from the server are distrusted.
        return Path.GetFullPath(output);
    }
}
