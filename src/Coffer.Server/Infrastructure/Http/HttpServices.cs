using System.Diagnostics;
using System.Text.Json;
using Coffer.Contracts;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Http;

/// <summary>Problem details, JSON, security headers and rate limits: the HTTP defaults every feature relies on.</summary>
public static class HttpServices
{
    public static IHostApplicationBuilder AddHttpDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, CofferJsonContext.Default));
        // Malformed bodies become 400 problems in every environment instead of a developer exception page.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Extensions.TryAdd(Problems.ErrorCodeKey, ErrorCodes.ForStatus(status));
            problem.Extensions[Problems.TraceIdKey] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            var code = (string)problem.Extensions[Problems.ErrorCodeKey]!;
            problem.Detail ??= ErrorCodes.Catalogue[code].Title;
            // Framework-written problems (status code pages, routing's 405/415, binding) carry an RFC link; ours name the code.
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = Problems.TypeUri(code);
            }
        });
        builder.AddRateLimits();
        // Behind a reverse proxy the client IP (rate limits) and the scheme (Secure cookies) come from X-Forwarded-*,
        // trusted only from loopback and from the addresses listed in ReverseProxy:KnownProxies.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var entry in builder.Configuration.GetSection("ReverseProxy:KnownProxies").GetChildren())
            {
                options.KnownProxies.Add(IPAddress.TryParse(entry.Value, out var address)
                    ? address
                    : throw new OptionsValidationException(entry.Path, typeof(ForwardedHeadersOptions), [$"{entry.Path} must be an IP address; \"{entry.Value}\" is not one."]));
            }
        });
        return builder;
    }

    /// <summary>Forwarded headers, exception handling, status code pages and security headers, in that order.</summary>
    public static WebApplication UseHttpDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (code, detail) = error switch
            {
                BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => (ErrorCodes.PayloadTooLarge, "The request body is too large."),
                BadHttpRequestException or JsonException => (ErrorCodes.InvalidRequest, "The request body could not be read."),
                _ => (ErrorCodes.InternalError, "An unexpected error occurred; the trace id identifies it in the server log."),
            };
            await Problems.WriteAsync(context, code, detail);
        }));
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
