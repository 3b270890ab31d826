namespace Coffer.Client.Files;

/// <summary>Turns a name from decrypted metadata (never trusted) into a plain file name that stays inside a target directory.</summary>
public static class SafeFileName
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Longest name kept, in UTF-8 bytes (file systems allow 255; room is left for a download's partial-file suffix).</summary>
    public const int MaxBytes = 240;

    /// <summary>
    /// The last path component of <paramref name="untrusted"/> with control and path characters removed, leading dots dropped
    /// (a shared <c>.bashrc</c> must not land as a dot-file) and a name too long shortened before its extension;
    /// <paramref name="fallback"/> when nothing usable remains (empty, <c>.</c>, <c>..</c>, a reserved device name).
    /// </summary>
    public static string Sanitize(string? untrusted, string fallback)
    {
        var name = untrusted ?? string.Empty;
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
            name = name[(slash + 1)..];
        var cleaned = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c) || c is ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format)
                continue;
            cleaned.Append(c);
        }

        name = Shorten(cleaned.ToString().Trim().TrimEnd('.', ' ').TrimStart('.', ' '));
        var stem = name.Split('.')[0];
        if (name.Length == 0 || stem.Length == 0 || Reserved.Contains(stem))
            return fallback;
        return name;
    }

    /// <summary>Drops whole characters (text elements) from the end of the stem until the name fits <see cref="MaxBytes"/>.</summary>
    private static string Shorten(string name)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(name) <= MaxBytes)
            return name;
        var extension = Path.GetExtension(name);
        if (extension.Length > 16)
            extension = string.Empty;
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(name[..^extension.Length]);
        var stem = new System.Text.StringBuilder();
        var budget = MaxBytes - System.Text.Encoding.UTF8.GetByteCount(extension);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            budget -= System.Text.Encoding.UTF8.GetByteCount(element);
            if (budget < 0)
                break;
            stem.Append(element);
        }

        return stem.ToString().TrimEnd('.', ' ') + extension;
    }

    /// <summary>The full path of <paramref name="untrusted"/> inside <paramref name="directory"/>; throws if it would land anywhere else.</summary>
    public static string InDirectory(string directory, string? untrusted, string fallback)
    {
        var root = Path.GetFullPath(directory);
        var path = Path.GetFullPath(Path.Combine(root, Sanitize(untrusted, fallback)));
        var parent = Path.GetDirectoryName(path);
        if (!string.Equals(parent, root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            throw new InvalidOperationException("A decrypted name tried to leave the target directory.");
        return path;
    }
}
