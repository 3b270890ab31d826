using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.EndToEnd;

/// <summary>
/// A server that alters, reorders or swaps stored ciphertext: <c>coffer get</c> exits 6 and leaves no file (neither the final
/// name nor a partial file), although it no longer recomputes the whole-stream ciphertext hash (CRYPTO.md §5.1).
/// </summary>
[Collection(CofferServerCollection.Name)]
public sealed class DownloadIntegrityTests(ServerProcess server)
{
    private const int Segment = 1024 * 1024;

    [Theory]
    [InlineData("header segment size", 6L)]
    [InlineData("header salt", 20L)]
    [InlineData("header nonce prefix", 45L)]
    [InlineData("first segment", 48L + 1000)]
    [InlineData("middle segment", 48L + Segment + 4242)]
    [InlineData("final tag", -1L)]
    public async Task Get_OfABlobWithOneAlteredByte_IsAnIntegrityFailure_AndLeavesNoFile(string where, long offset)
    {
        var (owner, blob) = await UploadAsync("altered.bin");
        using (owner)
        {
            var bytes = File.ReadAllBytes(blob);
            var at = offset >= 0 ? offset : bytes.Length - 1;
            bytes[at] ^= 0x01;
            File.WriteAllBytes(blob, bytes);

            await AssertIntegrityFailureAsync(owner, "altered.bin", where);
        }
    }

    [Fact]
    public async Task Get_OfABlobWithTwoSegmentsSwapped_IsAnIntegrityFailure_AndLeavesNoFile()
    {
        var (owner, blob) = await UploadAsync("reordered.bin");
        using (owner)
        {
            var bytes = File.ReadAllBytes(blob);
            var first = bytes.AsSpan(48, Segment).ToArray();
            bytes.AsSpan(48 + Segment, Segment).CopyTo(bytes.AsSpan(48, Segment));
            first.CopyTo(bytes.AsSpan(48 + Segment, Segment));
            File.WriteAllBytes(blob, bytes);

            await AssertIntegrityFailureAsync(owner, "reordered.bin", "segments 0 and 1 swapped");
        }
    }

    [Fact]
    public async Task Get_OfABlobReplacedByAnotherUploadOfTheSameLength_IsAnIntegrityFailure_AndLeavesNoFile()
    {
        var (owner, blob) = await UploadAsync("original.bin");
        using (owner)
        {
            var blobsDirectory = Path.Combine(server.DataDirectory, "blobs");
            var before = Blobs(blobsDirectory);
            var other = Steps.RandomFile(owner.WorkDirectory, "other.bin", new FileInfo(Path.Combine(owner.WorkDirectory, "original.bin")).Length);
            await Steps.OkAsync(owner, "put", other);
            var otherBlob = Assert.Single(Blobs(blobsDirectory).Except(before));
            Assert.Equal(new FileInfo(blob).Length, new FileInfo(otherBlob).Length);
            File.Copy(otherBlob, blob, overwrite: true);

            await AssertIntegrityFailureAsync(owner, "original.bin", "another upload's blob");
        }
    }

    private async Task<(CliUser Owner, string Blob)> UploadAsync(string name)
    {
        var owner = Steps.NewUser("owner");
        await Steps.RegisterAsync(server, owner);
        var source = Steps.RandomFile(owner.WorkDirectory, name, (3 * Segment) + 777);
        var blobsDirectory = Path.Combine(server.DataDirectory, "blobs");
        var before = Blobs(blobsDirectory);
        await Steps.OkAsync(owner, "put", source);
        return (owner, Assert.Single(Blobs(blobsDirectory).Except(before)));
    }

    private static async Task AssertIntegrityFailureAsync(CliUser owner, string name, string what)
    {
        var output = Path.Combine(owner.WorkDirectory, "out-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(output);
        var get = await owner.RunAsync("get", name, "-o", output + "/");
        Assert.True(get.ExitCode == 6, what + ": " + get);
        Assert.Empty(Directory.GetFiles(output));
    }

    private static HashSet<string> Blobs(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories).ToHashSet(StringComparer.Ordinal) : [];
}
