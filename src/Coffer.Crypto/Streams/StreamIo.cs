namespace Coffer.Crypto.Streams;

internal static class StreamIo
{
    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static async Task<int> ReadFullAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken) =>
        await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);

    /// <summary>Waits for a task whose failure has already been reported or superseded, so its buffer can be reused.</summary>
    public static async Task SettleAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception) when (task.IsFaulted || task.IsCanceled)
        {
            // Surfaced already, or superseded by the exception being propagated.
        }
    }

    public static int ReadFull(Stream stream, Span<byte> buffer) =>
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
