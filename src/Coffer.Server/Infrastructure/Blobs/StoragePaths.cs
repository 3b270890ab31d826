using Coffer.Server.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Blobs;

/// <summary>The byte directories under <c>Storage:DataDirectory</c> (resolved like the database's, against the content root): <c>blobs/</c> and <c>uploads/</c>.</summary>
public sealed class StoragePaths(IOptions<StorageOptions> options, IHostEnvironment environment)
{
    public string DataDirectory { get; } = options.Value.ResolveDataDirectory(environment.ContentRootPath);

    public string BlobsDirectory => Path.Combine(DataDirectory, "blobs");

    /// <summary>Same volume as <see cref="BlobsDirectory"/>, so moving a finished upload into the blob store is a rename.</summary>
    public string UploadsDirectory => Path.Combine(DataDirectory, "uploads");
}
