using System.ComponentModel.DataAnnotations;

namespace Coffer.Server.Infrastructure.Blobs;

/// <summary>Where Coffer keeps bytes on disk (section <c>Storage</c>): blobs under <c>blobs/</c>, uploads in progress under <c>uploads/</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "./data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string BlobsDirectory => Path.Combine(FullDataDirectory, "blobs");

    public string UploadsDirectory => Path.Combine(FullDataDirectory, "uploads");
}
