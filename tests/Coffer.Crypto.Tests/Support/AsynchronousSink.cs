namespace Coffer.Crypto.Tests.Support;

/// <summary>A memory sink whose asynchronous writes complete later and only then copy the caller's buffer, so a writer that reuses a buffer too early is caught.</summary>
internal sealed class AsynchronousSink : MemoryStream
{
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        Write(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
