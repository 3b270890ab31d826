namespace Coffer.Server.Features.Files;

/// <summary>Registers folders, files and versions.</summary>
public static class FilesServices
{
    public static IHostApplicationBuilder AddFiles(this IHostApplicationBuilder builder) => builder;
}
