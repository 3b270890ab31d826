using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Bench.History;

/// <summary>
/// A copy of the server's access-log chain hash (<c>Coffer.Server.Features.AccessLog.AccessLogHash</c>), so seeded rows carry a
/// valid chain; the benchmark proves they do by asking the server's own <c>/log/verify</c> to walk all of them.
/// </summary>
internal static class AccessLogChainHash
{
    private const string Label = "coffer/access-log/v1";

    public static byte[] Compute(string linkId, long sequence, DateTimeOffset at, string fileId, string action, string? actor, int? version, string? ip, string? userAgent, string? detail, byte[] previousHash)
    {
        var buffer = new ArrayBufferWriterStream();
        Write(buffer, Label);
        Write(buffer, linkId);
        Write(buffer, sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Write(buffer, fileId);
        Write(buffer, action);
        Write(buffer, actor);
        Write(buffer, version?.ToString(CultureInfo.InvariantCulture));
        Write(buffer, ip);
        Write(buffer, userAgent);
        Write(buffer, detail);
        buffer.Bytes.AddRange(previousHash);
        return SHA256.HashData(buffer.Bytes.ToArray());
    }

    private static void Write(ArrayBufferWriterStream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            buffer.Bytes.AddRange(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        buffer.Bytes.AddRange(length);
        buffer.Bytes.AddRange(bytes);
    }

    private sealed class ArrayBufferWriterStream
    {
        public List<byte> Bytes { get; } = new(256);
    }
}
