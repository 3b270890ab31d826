using System.Security.Cryptography;
using Coffer.Crypto.Streams;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Streams;

public sealed class SealingReadStreamTests
{
    private static readonly byte[] ContentKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task ReadingAtOrPastTheEnd_ReturnsZero()
    {
        using var view = new SealingReadStream(new MemoryStream(Sealed.Pattern(100)), ContentKey, Sealed.FileId, Sealed.ContentId, SealedStreamHeader.CreateRandom(64));
        var buffer = new byte[10];

        view.Seek(0, SeekOrigin.End);
        Assert.Equal(0, await view.ReadAsync(buffer));
        view.Position = view.Length + 5;
        Assert.Equal(0, view.Read(buffer));
    }

    [Fact]
    public async Task SealerView_ResumedFromAnOffset_CompletesTheSameStreamAsAWholeSeal()
    {
        var plaintext = RandomNumberGenerator.GetBytes(1000);
        using var sealer = StreamSealer.Create(ContentKey, Sealed.FileId, Sealed.ContentId, 64);
        var whole = await Sealed.SealAsync(plaintext, ContentKey, sealer.Header);
        const int serverOffset = 48 + (64 * 7) + 13;
        using var view = sealer.OpenCiphertextStream(new MemoryStream(plaintext));
        using var rest = new MemoryStream();

        view.Position = serverOffset;
        await view.CopyToAsync(rest);

        Assert.Equal(whole, whole[..serverOffset].Concat(rest.ToArray()).ToArray());
    }

    [Fact]
    public void RequiresASeekablePlaintext() =>
        Assert.Throws<ArgumentException>(() => new SealingReadStream(new ForwardOnlyStream([1, 2, 3]), ContentKey, Sealed.FileId, Sealed.ContentId, SealedStreamHeader.CreateRandom(64)));

    [Fact]
    public void IsReadOnly()
    {
        using var view = new SealingReadStream(new MemoryStream([1, 2, 3]), ContentKey, Sealed.FileId, Sealed.ContentId, SealedStreamHeader.CreateRandom(64));

        Assert.False(view.CanWrite);
        Assert.Throws<NotSupportedException>(() => view.Write([1], 0, 1));
    }

    [Fact]
    public async Task AShrunkenPlaintext_IsAnIOErrorNotWrongCiphertext()
    {
        var plaintext = new MemoryStream(Sealed.Pattern(200));
        using var view = new SealingReadStream(plaintext, ContentKey, Sealed.FileId, Sealed.ContentId, SealedStreamHeader.CreateRandom(64), leaveOpen: true);
        plaintext.SetLength(100);

        await Assert.ThrowsAsync<IOException>(() => view.CopyToAsync(Stream.Null));
    }
}
