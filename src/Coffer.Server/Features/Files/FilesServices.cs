using Coffer.Server.Features.Uploads;
using Coffer.Server.Infrastructure.Blobs;

namespace Coffer.Server.Features.Files;

/// <summary>Registers folders, files, versions and the uploads they are made from.</summary>
public static class FilesServices
{
    public static IHostApplicationBuilder AddFiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddUploads(builder.Configuration);
        builder.Services.AddSingleton<IBlobReferenceChecker, VersionBlobReferences>();
        builder.Services.AddScoped<VersionCommitter>();
        builder.Services.AddScoped<VersionWindow>();
        return builder;
    }
}
