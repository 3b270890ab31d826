using Coffer.Server.Infrastructure.Blobs;
using Coffer.Server.Infrastructure.Data;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Tests.Features.Uploads;

public sealed class BlobStoreTests : IDisposable
{
    private readonly string directory = UploadTestHost.NewDataDirectory();

    public void Dispose() => UploadTestHost.DeleteDirectory(directory);

    private LocalDirectoryBlobStore NewStore() =>
        new(new StoragePaths(Options.Create(new StorageOptions { DataDirectory = "data" }), new HostingEnvironment { ContentRootPath = directory }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../0123456789abcdef0123456789abc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcde/")]
    [InlineData("0123456789abcdef0123456789abcdeé")]
    [InlineData("0123456789abcdef0123456789abcde\0")]
    [InlineData("٠١٢٣٤٥٦٧٨٩abcdef0123456789abcdef")]
    public void TryParse_RefusesAnythingButThirtyTwoLowercaseHexDigits(string? value)
    {
        Assert.False(BlobId.TryParse(value, out _));
    }

    [Fact]
    public void New_IsRandomAndParses()
    {
        var a = BlobId.New();
        var b = BlobId.New();

        Assert.NotEqual(a, b);
        Assert.True(BlobId.TryParse(a.Value, out var parsed));
        Assert.Equal(a, parsed);
    }

    [Fact]
    public async Task Import_MovesTheFile_ThenReadLengthAndDeleteWork()
    {
        var store = NewStore();
        var source = Path.Combine(directory, "incoming.bin");
        await File.WriteAllBytesAsync(source, [1, 2, 3, 4, 5]);
        var id = BlobId.New();

        await store.ImportFileAsync(id, source, default);

        Assert.False(File.Exists(source));
        Assert.True(File.Exists(Path.Combine(directory, "data", "blobs", id.Value[..2], id.Value)));
        Assert.Equal(5, await store.GetLengthAsync(id, default));
        await using (var stream = await store.OpenReadAsync(id, default))
        {
            Assert.True(stream!.CanSeek);
            stream.Position = 3;
            Assert.Equal(4, stream.ReadByte());
        }
        Assert.True(await store.DeleteAsync(id, default));
        Assert.False(await store.ExistsAsync(id, default));
        Assert.Null(await store.OpenReadAsync(id, default));
        Assert.Null(await store.GetLengthAsync(id, default));
        Assert.False(await store.DeleteAsync(id, default));
    }

    [Fact]
    public async Task Import_NeverOverwritesAnExistingBlob()
    {
        var store = NewStore();
        var id = BlobId.New();
        var first = Path.Combine(directory, "a.bin");
        var second = Path.Combine(directory, "b.bin");
        await File.WriteAllBytesAsync(first, [1]);
        await File.WriteAllBytesAsync(second, [2]);
        await store.ImportFileAsync(id, first, default);

        await Assert.ThrowsAnyAsync<IOException>(() => store.ImportFileAsync(id, second, default));

        Assert.Equal(1, await store.GetLengthAsync(id, default));
        Assert.True(File.Exists(second));
    }
}
