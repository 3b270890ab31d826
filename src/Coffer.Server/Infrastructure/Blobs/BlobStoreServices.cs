using Coffer.Server.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coffer.Server.Infrastructure.Blobs;

/// <summary>Registers the blob store and the directories under <c>Storage:DataDirectory</c>.</summary>
public static class BlobStoreServices
{
    public static IServiceCollection AddBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        // Binding the section the data layer also binds is idempotent; it lets the blob store stand alone (tests).
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => IsUsablePath(o.DataDirectory), "Storage:DataDirectory must be a valid directory path.")
            .ValidateOnStart();
        services.TryAddSingleton<StoragePaths>();
        services.TryAddSingleton<IBlobStore, LocalDirectoryBlobStore>();
        return services;
    }

    private static bool IsUsablePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }
        try
        {
            _ = Path.GetFullPath(path);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
