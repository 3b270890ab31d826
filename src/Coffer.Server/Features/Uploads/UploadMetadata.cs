using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Coffer.Server.Features.Uploads;

/// <summary>Parses the tus <c>Upload-Metadata</c> header: comma-separated <c>key base64value</c> pairs, keys unique.</summary>
public static class UploadMetadata
{
    public const int MaxHeaderLength = 4096;

    /// <summary>Values are decoded as UTF-8; a key without a value maps to the empty string.</summary>
    public static bool TryParse(string? header, [NotNullWhen(true)] out Dictionary<string, string>? metadata)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(header))
        {
            return true;
        }
        if (header.Length > MaxHeaderLength)
        {
            metadata = null;
            return false;
        }
        foreach (var rawPair in header.Split(','))
        {
            var pair = rawPair.Trim();
            var parts = pair.Split(' ');
            if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || !IsValidKey(parts[0]) || metadata.ContainsKey(parts[0]))
            {
                metadata = null;
                return false;
            }
            var value = string.Empty;
            if (parts.Length == 2)
            {
                var bytes = new byte[(parts[1].Length * 3 / 4) + 3];
                if (!Convert.TryFromBase64String(parts[1], bytes, out var written))
                {
                    metadata = null;
                    return false;
                }
                try
                {
                    value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
                }
                catch (DecoderFallbackException)
                {
                    metadata = null;
                    return false;
                }
            }
            metadata[parts[0]] = value;
        }
        return true;
    }

    private static bool IsValidKey(string key)
    {
        foreach (var c in key)
        {
            if (c is <= ' ' or > '~' or ',')
            {
                return false;
            }
        }
        return true;
    }
}
