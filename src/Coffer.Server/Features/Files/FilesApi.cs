namespace Coffer.Server.Features.Files;

/// <summary>The folder, file and version routes.</summary>
public static class FilesApi
{
    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder app) => app;
}
