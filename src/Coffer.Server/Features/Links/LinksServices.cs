using System.Threading.RateLimiting;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Events;
using Coffer.Server.Features.Notifications;
using Coffer.Server.Features.Recipients;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Links;

/// <summary>Registers links and what hangs off them: recipients, the access log, owner notifications and live events.</summary>
public static class LinksServices
{
    public static IHostApplicationBuilder AddLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecipientsOptions>()
            .Bind(builder.Configuration.GetSection(RecipientsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<NotificationsOptions>()
            .Bind(builder.Configuration.GetSection(NotificationsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddScoped<LinkPolicies>();
        builder.Services.AddScoped<LinkGate>();
        builder.Services.AddSingleton<VerificationCodes>();
        builder.Services.AddSingleton<RecipientSessions>();
        builder.Services.AddSingleton<Throttle>();
        builder.Services.AddSingleton<AccessLogWriter>();
        builder.Services.AddSingleton<IEventBus, InMemoryEventBus>();
        builder.Services.AddSingleton<VersionEvents>();
        builder.Services.AddSingleton<AccessEvents>();
        builder.Services.AddSingleton<LinkNotifier>();
        builder.Services.AddHostedService<NotificationDigestService>();

        builder.Services.Configure<RateLimiterOptions>(options => options.AddPolicy(RecipientApi.IpPolicy, context =>
        {
            var perMinute = context.RequestServices.GetRequiredService<IOptions<RecipientsOptions>>().Value.PerIpPerMinute;
            var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }));
        return builder;
    }

    /// <summary>Maps the owner's link routes, the access log, the recipient routes and the event streams.</summary>
    public static IEndpointRouteBuilder MapLinkFeatures(this IEndpointRouteBuilder app)
    {
        app.MapLinks();
        app.MapAccessLog();
        app.MapRecipients();
        app.MapEvents();
        return app;
    }
}
