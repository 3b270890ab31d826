using System.Text.Json;
using Coffer.Server.Infrastructure.Blobs;

namespace Coffer.Server.Features.Uploads;

/// <summary>The local directory where uploads in progress live: <c>{id}.bin</c> (bytes) and <c>{id}.json</c> (state).</summary>
internal sealed class UploadStaging(StoragePaths paths)
{
    private readonly string directory = paths.UploadsDirectory;

    public string DataPath(BlobId id) => Path.Combine(directory, id.Value + ".bin");

    private string InfoPath(BlobId id) => Path.Combine(directory, id.Value + ".json");

    public long? DataLength(BlobId id)
    {
        var file = new FileInfo(DataPath(id));
        return file.Exists ? file.Length : null;
    }

    public async Task CreateAsync(BlobId id, UploadInfo info, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        // State first: a data file without state is garbage the sweeper may remove at once.
        await WriteInfoAsync(id, info, cancellationToken);
        await using var data = new FileStream(DataPath(id), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1);
    }

    public async Task<UploadInfo?> ReadInfoAsync(BlobId id, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(InfoPath(id), FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            return await JsonSerializer.DeserializeAsync(stream, UploadInfoJsonContext.Default.UploadInfo, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes to a temporary file, flushes it to disk, then renames over the old state: a crash leaves the old or the new state, never half of one.</summary>
    public async Task WriteInfoAsync(BlobId id, UploadInfo info, CancellationToken cancellationToken)
    {
        var path = InfoPath(id);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096))
        {
            await JsonSerializer.SerializeAsync(stream, info, UploadInfoJsonContext.Default.UploadInfo, cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(BlobId id)
    {
        // Data before state, so a crash in between leaves only stateless data, which the sweeper removes.
        File.Delete(DataPath(id));
        File.Delete(InfoPath(id));
        File.Delete(InfoPath(id) + ".tmp");
    }

    /// <summary>Removes what a stateless id left behind: data, or a state write interrupted by a crash.</summary>
    public void DeleteLeftovers(BlobId id)
    {
        File.Delete(DataPath(id));
        File.Delete(InfoPath(id) + ".tmp");
    }

    /// <summary>Every id that has a state, data or temporary state file.</summary>
    public IReadOnlyCollection<BlobId> EnumerateIds()
    {
        var ids = new HashSet<BlobId>();
        if (!Directory.Exists(directory))
        {
            return ids;
        }
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && BlobId.TryParse(name[..dot], out var id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }
}
