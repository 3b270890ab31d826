using System.Globalization;
using System.Text;
using System.Text.Json;
using Coffer.Crypto.Errors;

namespace Coffer.Crypto.Metadata;

/// <summary>The exact JSON writer and the tolerant reader for <see cref="VersionMetadata"/>.</summary>
public static class VersionMetadataJson
{
    /// <summary>Writes the keys of CRYPTO.md §5 in order, no white space, strings escaped as ECMAScript's JSON.stringify does.</summary>
    public static byte[] Write(VersionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var json = new StringBuilder(256);
        json.Append("{\"v\":").Append(VersionMetadata.CurrentVersion);
        json.Append(",\"name\":"); AppendString(json, metadata.Name);
        json.Append(",\"size\":").Append(metadata.Size.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"sha256\":"); AppendString(json, metadata.Sha256);
        json.Append(",\"mediaType\":"); AppendString(json, metadata.MediaType);
        json.Append(",\"modified\":"); AppendString(json, FormatTime(metadata.Modified));
        json.Append(",\"uploader\":"); AppendString(json, metadata.Uploader);
        json.Append(",\"ciphertextSha256\":"); AppendString(json, metadata.CiphertextSha256);
        json.Append(",\"basedOn\":").Append(metadata.BasedOn is { } b ? b.ToString(CultureInfo.InvariantCulture) : "null");
        json.Append('}');
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(json.ToString());
    }

    /// <summary>Reads the record in any key order, ignoring unknown keys; <c>v</c> other than 1 is an unknown format version.</summary>
    public static VersionMetadata Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid("The metadata is not a JSON object.");
            if (Required(root, "v").GetInt32() != VersionMetadata.CurrentVersion)
                throw new CofferCryptoException(CryptoErrorKind.UnknownFormatVersion, "Unknown metadata version.");
            var basedOn = Required(root, "basedOn");
            return new VersionMetadata(
                Name: RequiredString(root, "name"),
                Size: Required(root, "size").GetInt64(),
                Sha256: RequiredString(root, "sha256"),
                MediaType: RequiredString(root, "mediaType"),
                Modified: DateTimeOffset.Parse(RequiredString(root, "modified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Uploader: RequiredString(root, "uploader"),
                CiphertextSha256: RequiredString(root, "ciphertextSha256"),
                BasedOn: basedOn.ValueKind == JsonValueKind.Null ? null : basedOn.GetInt32());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new CofferCryptoException(CryptoErrorKind.InvalidEncoding, "The metadata is not a valid version record.", e);
        }
    }

    /// <summary>ISO 8601 in UTC with milliseconds and <c>Z</c>, e.g. <c>2026-12-03T16:28:52.000Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw Invalid($"The metadata has no \"{name}\".");

    private static string RequiredString(JsonElement root, string name) =>
        Required(root, name).GetString() ?? throw Invalid($"The metadata's \"{name}\" is null.");

    private static CofferCryptoException Invalid(string message) => new(CryptoErrorKind.InvalidEncoding, message);

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }
}
