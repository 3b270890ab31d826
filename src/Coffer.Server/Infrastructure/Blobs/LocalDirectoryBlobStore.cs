namespace Coffer.Server.Infrastructure.Blobs;

/// <summary>Blobs as files under <c>{DataDirectory}/blobs/{first two hex digits}/{id}</c>.</summary>
public sealed class LocalDirectoryBlobStore(StoragePaths paths) : IBlobStore
{
    private readonly string root = paths.BlobsDirectory;

    public async Task ImportFileAsync(BlobId id, string sourceFilePath, CancellationToken cancellationToken)
    {
        var target = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            // Same volume as the uploads directory by construction, so this is a rename: atomic and instant.
            File.Move(sourceFilePath, target, overwrite: false);
        }
        catch (IOException) when (!File.Exists(target) && File.Exists(sourceFilePath) && !SameRoot(sourceFilePath, target))
        {
            await CopyThenMoveAsync(sourceFilePath, target, cancellationToken);
        }
    }

    public Task<Stream?> OpenReadAsync(BlobId id, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(id), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
            return Task.FromResult<Stream?>(stream);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<long?> GetLengthAsync(BlobId id, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(id));
        return Task.FromResult<long?>(info.Exists ? info.Length : null);
    }

    public Task<bool> ExistsAsync(BlobId id, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(PathOf(id)));

    public Task<bool> DeleteAsync(BlobId id, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }
        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathOf(BlobId id)
    {
        // BlobId guarantees 32 hex digits; guard against default(BlobId) reaching the file system.
        var value = id.Value ?? throw new ArgumentException("Empty blob id.", nameof(id));
        return Path.Combine(root, value[..2], value);
    }

    private static bool SameRoot(string a, string b) =>
        string.Equals(Path.GetPathRoot(a), Path.GetPathRoot(b), StringComparison.Ordinal);

    private static async Task CopyThenMoveAsync(string source, string target, CancellationToken cancellationToken)
    {
        var temporary = target + ".importing";
        await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        {
            await input.CopyToAsync(output, 1 << 20, cancellationToken);
            output.Flush(flushToDisk: true);
        }
        File.Move(temporary, target, overwrite: false);
        File.Delete(source);
    }
}
