namespace Coffer.Client.Files;

/// <summary>Checks that a file's first bytes (its "magic") match its extension for common formats, before anything is uploaded.</summary>
public static class FileSignatures
{
    private static readonly byte[] Zip = "PK\u0003\u0004"u8.ToArray();
    private static readonly byte[] EmptyZip = "PK\u0005\u0006"u8.ToArray();
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly Dictionary<string, byte[][]> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = ["%PDF-"u8.ToArray()],
        ["png"] = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        ["jpg"] = [[0xFF, 0xD8, 0xFF]],
        ["jpeg"] = [[0xFF, 0xD8, 0xFF]],
        ["gif"] = ["GIF87a"u8.ToArray(), "GIF89a"u8.ToArray()],
        ["bmp"] = ["BM"u8.ToArray()],
        ["tif"] = [[0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A]],
        ["tiff"] = [[0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A]],
        ["zip"] = [Zip, EmptyZip],
        ["docx"] = [Zip],
        ["xlsx"] = [Zip],
        ["pptx"] = [Zip],
        ["odt"] = [Zip],
        ["ods"] = [Zip],
        ["odp"] = [Zip],
        ["doc"] = [Ole],
        ["xls"] = [Ole],
        ["ppt"] = [Ole],
        ["gz"] = [[0x1F, 0x8B]],
        ["7z"] = [[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]],
        ["mp3"] = ["ID3"u8.ToArray(), [0xFF, 0xFB], [0xFF, 0xF3], [0xFF, 0xF2]],
        ["flac"] = ["fLaC"u8.ToArray()],
        ["ogg"] = ["OggS"u8.ToArray()],
    };

    /// <summary>True when the extension has a known signature (other formats are not checked).</summary>
    public static bool IsKnown(string extension) => Signatures.ContainsKey(extension);

    /// <summary>
    /// Null when the content fits the extension (or the format has no known signature); otherwise a sentence saying what is wrong.
    /// An empty file fits nothing known.
    /// </summary>
    public static string? Check(string path, string extension)
    {
        if (!Signatures.TryGetValue(extension, out var candidates))
        {
            return extension switch
            {
                "webp" or "wav" or "avi" => CheckRiff(path, extension),
                _ => null,
            };
        }

        Span<byte> head = stackalloc byte[16];
        int read;
        using (var stream = File.OpenRead(path))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head[..read];
        foreach (var signature in candidates)
        {
            if (bytes.StartsWith(signature))
                return null;
        }

        return $"The content of {Path.GetFileName(path)} is not a .{extension} file (its first bytes do not match the .{extension} signature).";
    }

    private static string? CheckRiff(string path, string extension)
    {
        Span<byte> head = stackalloc byte[12];
        int read;
        using (var stream = File.OpenRead(path))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var form = extension switch { "webp" => "WEBP"u8, "wav" => "WAVE"u8, _ => "AVI "u8 };
        return read == 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual(form)
            ? null
            : $"The content of {Path.GetFileName(path)} is not a .{extension} file (its first bytes do not match the .{extension} signature).";
    }
}
