using Coffer.Crypto.Streams;

namespace Coffer.Crypto.Tests.Support;

/// <summary>Whole-buffer helpers around the streaming APIs.</summary>
internal static class Sealed
{
    public const string FileId = "3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77";
    public const string ContentId = "9b2e4f10-5c3a-4d8e-b1f7-2a6c8e0d4b93";

    /// <summary>Seals from a MemoryStream, a forward-only source, or (<paramref name="asynchronous"/>) a forward-only source and a sink that both complete asynchronously.</summary>
    public static async Task<byte[]> SealAsync(byte[] plaintext, byte[] contentKey, SealedStreamHeader header, bool seekableSource = true, string fileId = FileId, string contentId = ContentId, bool asynchronous = false)
    {
        using var sealer = new StreamSealer(contentKey, fileId, contentId, header);
        using var output = asynchronous ? new AsynchronousSink() : new MemoryStream();
        Stream source = seekableSource && !asynchronous ? new MemoryStream(plaintext) : new ForwardOnlyStream(plaintext, asynchronous: asynchronous);
        var written = await sealer.SealAsync(source, output);
        Assert.Equal(output.Length, written);
        return output.ToArray();
    }

    /// <summary>Opens from a MemoryStream, a forward-only source, or (<paramref name="asynchronous"/>) a forward-only source and a sink that both complete asynchronously.</summary>
    public static async Task<byte[]> OpenAsync(byte[] ciphertext, byte[] contentKey, string fileId = FileId, string contentId = ContentId, bool forwardOnly = false, bool asynchronous = false)
    {
        using var opener = new StreamOpener(contentKey, fileId, contentId);
        using var output = asynchronous ? new AsynchronousSink() : new MemoryStream();
        Stream source = forwardOnly || asynchronous ? new ForwardOnlyStream(ciphertext, asynchronous: asynchronous) : new MemoryStream(ciphertext);
        var length = await opener.OpenAsync(source, output);
        Assert.Equal(output.Length, length);
        return output.ToArray();
    }

    public static async Task<byte[]> DecryptRangeAsync(byte[] ciphertext, byte[] contentKey, long start, long end)
    {
        using var opener = new StreamOpener(contentKey, FileId, ContentId);
        using var output = new MemoryStream();
        await opener.DecryptRangeAsync(new MemoryStream(ciphertext), start, end, output);
        return output.ToArray();
    }

    public static byte[] Pattern(int length, int seed = 0) => Enumerable.Range(0, length).Select(i => (byte)((i * 7) + 3 + seed)).ToArray();
}
