using Coffer.Server.Infrastructure.Blobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coffer.Server.Features.Uploads;

/// <summary>Registers uploads: options, the blob store, the tus machinery, <see cref="IUploadStore"/> and the expiry sweeper. Map the endpoints with <see cref="TusApi.MapTusUploads"/>.</summary>
public static class UploadsServices
{
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBlobStore(configuration);
        services.AddOptions<UploadsOptions>()
            .Bind(configuration.GetSection(UploadsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UploadStaging>();
        services.TryAddSingleton<UploadLocks>();
        services.TryAddSingleton<UploadHashes>();
        services.TryAddSingleton<UploadStore>();
        services.TryAddSingleton<IUploadStore>(sp => sp.GetRequiredService<UploadStore>());
        services.TryAddSingleton<UploadAppender>();
        services.TryAddSingleton<UploadSweeper>();
        services.AddHostedService<UploadCleanupService>();
        return services;
    }
}
