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

    /// <summary>
    /// Unknown <c>/api</c> paths are 404 problems; every other unknown GET/HEAD of a path without a file extension gets
    /// the app's <c>index.html</c> (client routing: <c>/l/{id}</c>, <c>/app/…</c>). Call it after the other middleware.
    /// </summary>
    public static WebApplication MapWebAppFallback(this WebApplication app)
    {
        // Middleware rather than a fallback endpoint: any endpoint matching /api paths would take part in routing's
        // method and content-type matching and turn its 405 and 415 answers into 404s (or the reverse).
        var serveIndex = ((IApplicationBuilder)app).New()
            .Use((context, next) =>
            {
                context.Request.Path = "/index.html";
                return next(context);
            })
            .UseStaticFiles()
            .Build();
        app.Use((context, next) => IsAppPath(context) ? serveIndex(context) : next(context));
        return app;
    }

    private static bool IsAppPath(HttpContext context) =>
        context.GetEndpoint() is null
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !Path.HasExtension(context.Request.Path.Value);
}
