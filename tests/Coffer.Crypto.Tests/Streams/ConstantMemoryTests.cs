using System.Security.Cryptography;
using Coffer.Crypto.Streams;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Streams;

public sealed class ConstantMemoryTests
{
    private const long PlaintextLength = 16L << 20;
    private static readonly byte[] ContentKey = RandomNumberGenerator.GetBytes(32);

    // Sources and sinks here complete synchronously, so the whole pipeline runs on this thread and its allocation counter sees everything.
    [Fact]
    public async Task SealAndOpen_Of16MiB_AllocateFarLessThanOneSegment()
    {
        var header = SealedStreamHeader.CreateRandom();
        await SealAsync(header, 2L << 20);
        await OpenAsync(header, 2L << 20);

        var before = GC.GetAllocatedBytesForCurrentThread();
        await SealAsync(header, PlaintextLength);
        var sealing = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        await OpenAsync(header, PlaintextLength);
        var opening = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sealing > 0 && opening > 0, "the allocation counter saw nothing: the pipeline left this thread");
        Assert.True(sealing < 256 * 1024, $"sealing 16 MiB allocated {sealing} bytes");
        Assert.True(opening < 256 * 1024, $"opening 16 MiB allocated {opening} bytes");
    }

    private static async Task SealAsync(SealedStreamHeader header, long length)
    {
        using var sealer = new StreamSealer(ContentKey, Sealed.FileId, Sealed.ContentId, header);
        Assert.Equal(SealedStreamFormat.CiphertextLength(length), await sealer.SealAsync(new VirtualPlaintextStream(length), Stream.Null));
    }

    private static async Task OpenAsync(SealedStreamHeader header, long length)
    {
        using var ciphertext = new SealingReadStream(new VirtualPlaintextStream(length), ContentKey, Sealed.FileId, Sealed.ContentId, header);
        using var opener = new StreamOpener(ContentKey, Sealed.FileId, Sealed.ContentId);
        Assert.Equal(length, await opener.OpenAsync(ciphertext, Stream.Null));
    }
}
