using System.Text.RegularExpressions;
using Coffer.Server.Infrastructure.Security;

namespace Coffer.Server.Features.Files;

/// <summary>Validation of what clients send for folders, files and versions (sizes per CRYPTO.md §4).</summary>
public static partial class FileInput
{
    public const int MaxExtensionLength = 16;
    public const int WrappedKeyLength = 61;
    public const int BoxOverhead = 1 + 12 + 16;
    public const int MaxSealedNameBytes = BoxOverhead + 1024;
    public const int MaxSealedMetadataBytes = BoxOverhead + 16 * 1024;

    /// <summary>Lower-cases an extension, or returns null when it is not ≤ 16 ASCII letters and digits (empty: no extension).</summary>
    public static string? NormaliseExtension(string? extension)
    {
        var lower = (extension ?? "").ToLowerInvariant();
        return ExtensionPattern().IsMatch(lower) ? lower : null;
    }

    /// <summary>Case-insensitive; "no extension" matches only itself.</summary>
    public static bool SameExtension(string fileExtension, string? candidate) =>
        string.Equals(fileExtension, (candidate ?? "").ToLowerInvariant(), StringComparison.Ordinal);

    public static string? CheckSealedName(string? text, out byte[] sealedName) =>
        CheckBox(text, "sealedName", BoxOverhead, MaxSealedNameBytes, out sealedName);

    public static string? CheckSealedMetadata(string? text, out byte[] sealedMetadata) =>
        CheckBox(text, "sealedMetadata", BoxOverhead, MaxSealedMetadataBytes, out sealedMetadata);

    public static string? CheckWrappedKey(string? text, string field, out byte[] wrapped) =>
        CheckBox(text, field, WrappedKeyLength, WrappedKeyLength, out wrapped);

    private static string? CheckBox(string? text, string field, int min, int max, out byte[] bytes) =>
        Base64Url.TryDecode(text, min, max, out bytes) && bytes[0] == 1
            ? null
            : $"{field} must be a sealed box (format version 1) of {min}–{max} bytes in base64url.";

    [GeneratedRegex("^[a-z0-9]{0,16}$")]
    private static partial Regex ExtensionPattern();
}
