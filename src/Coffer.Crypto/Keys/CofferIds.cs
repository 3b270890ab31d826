using System.Security.Cryptography;
using Coffer.Crypto.Codecs;

namespace Coffer.Crypto.Keys;

/// <summary>Client-chosen identifiers bound into keys: random UUIDv4 (canonical lowercase) and 16-byte base64url link ids.</summary>
public static class CofferIds
{
    public const int LinkIdLength = 22;

    public static string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    public static string NewLinkId() => Base64Url.Encode(RandomNumberGenerator.GetBytes(16));

    /// <summary>True for a UUID in canonical lowercase <c>8-4-4-4-12</c> form (the only form bound into labels).</summary>
    public static bool IsUuid(string? text) =>
        text is { Length: 36 }
        && Guid.TryParseExact(text, "D", out var guid)
        && string.Equals(guid.ToString("D"), text, StringComparison.Ordinal);

    public static bool IsLinkId(string? text) =>
        text is { Length: LinkIdLength } && Base64Url.TryDecode(text, out var bytes) && bytes.Length == 16;
}
