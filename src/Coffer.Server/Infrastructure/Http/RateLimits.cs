using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Http;

/// <summary>The rate-limit policies: per IP through the ASP.NET limiter, per email through <see cref="EmailRateLimiter"/>.</summary>
public static class RateLimits
{
    /// <summary>The policy for account endpoints, partitioned by client IP.</summary>
    public const string AccountsPolicy = "accounts";

    internal static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<EmailRateLimiter>();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(AccountsPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerIpPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Problems.WriteAsync(context.HttpContext, ErrorCodes.RateLimited, "Too many attempts; wait a minute and try again.");
            };
        });
        return builder;
    }
}

/// <summary>Limits attempts per email address (the body is read by the handler, so this runs inside it).</summary>
public sealed class EmailRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerEmailPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>True when one more attempt for this (normalised) email is allowed now.</summary>
    public bool TryAcquire(string action, string normalisedEmail)
    {
        using var lease = _limiter.AttemptAcquire($"{action}|{normalisedEmail}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
