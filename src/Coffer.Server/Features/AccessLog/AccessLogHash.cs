using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Server.Features.AccessLog;

/// <summary>
/// The chain hash of an access-log row: SHA-256 over a canonical encoding (a label, then every field as a 4-byte big-endian
/// length and its UTF-8 bytes, null as length 0xFFFFFFFF, times as Unix milliseconds), followed by the previous row's hash.
/// </summary>
public static class AccessLogHash
{
    public const int Length = 32;
    private const string Label = "coffer/access-log/v1";

    /// <summary>The hash a chain starts from: 32 zero bytes.</summary>
    public static byte[] Genesis() => new byte[Length];

    public static byte[] Compute(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        Write(buffer, Label);
        Write(buffer, entry.LinkId);
        Write(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.FileId.ToString("D"));
        Write(buffer, entry.Action);
        Write(buffer, entry.Actor);
        Write(buffer, entry.Version?.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.Ip);
        Write(buffer, entry.UserAgent);
        Write(buffer, entry.Detail);
        buffer.Write(entry.PreviousHash);
        return SHA256.HashData(buffer.ToArray());
    }

    private static void Write(MemoryStream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            buffer.Write(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
