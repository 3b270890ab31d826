namespace Coffer.Client.Files;

/// <summary>Guesses a media type from a file extension, for the sealed metadata (the server never sees it).</summary>
public static class MediaTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = "application/pdf",
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["gif"] = "image/gif",
        ["webp"] = "image/webp",
        ["svg"] = "image/svg+xml",
        ["bmp"] = "image/bmp",
        ["tif"] = "image/tiff",
        ["tiff"] = "image/tiff",
        ["txt"] = "text/plain",
        ["md"] = "text/markdown",
        ["csv"] = "text/csv",
        ["html"] = "text/html",
        ["htm"] = "text/html",
        ["json"] = "application/json",
        ["xml"] = "application/xml",
        ["zip"] = "application/zip",
        ["gz"] = "application/gzip",
        ["7z"] = "application/x-7z-compressed",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ["odt"] = "application/vnd.oasis.opendocument.text",
        ["ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        ["odp"] = "application/vnd.oasis.opendocument.presentation",
        ["doc"] = "application/msword",
        ["xls"] = "application/vnd.ms-excel",
        ["ppt"] = "application/vnd.ms-powerpoint",
        ["mp3"] = "audio/mpeg",
        ["wav"] = "audio/wav",
        ["ogg"] = "audio/ogg",
        ["flac"] = "audio/flac",
        ["mp4"] = "video/mp4",
        ["webm"] = "video/webm",
        ["mov"] = "video/quicktime",
    };

    public static string ForFileName(string fileName) => ForExtension(Extension(fileName));

    public static string ForExtension(string extension) =>
        ByExtension.TryGetValue(extension, out var type) ? type : "application/octet-stream";

    /// <summary>The extension as the server stores it: lower-case, without the dot, empty for none.</summary>
    public static string Extension(string fileName) =>
        Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
}
