using Scalar.AspNetCore;

namespace Coffer.Server.Infrastructure.Http;

/// <summary>Serves the built web app from <c>wwwroot</c> with a fallback to <c>index.html</c>, plus the API reference.</summary>
public static class WebAppHosting
{
    public static WebApplication UseWebAppFiles(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    /// <summary>Unknown <c>/api</c> paths are 404 problems; every other unknown path gets the app's <c>index.html</c> (client routing: <c>/l/{id}</c>, <c>/app/…</c>).</summary>
    public static IEndpointRouteBuilder MapWebAppFallback(this IEndpointRouteBuilder app)
    {
        app.Map("/api/{**path}", () => Problems.Of(ErrorCodes.NotFound, "No API route matches this path.")).ExcludeFromDescription();
        app.MapFallbackToFile("index.html");
        return app;
    }
}
