using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Mail;
using Coffer.Server.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coffer.Server.Infrastructure;

/// <summary>What every feature relies on: clock, database, server secret, HTTP defaults, mail, OpenAPI.</summary>
public static class ServerDefaults
{
    public const string DefaultUrl = "http://localhost:5240";

    public static IHostApplicationBuilder AddServerDefaults(this WebApplicationBuilder builder)
    {
        // Default address when neither --urls, URLS/ASPNETCORE_URLS nor Kestrel:Endpoints says otherwise.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddData();
        builder.AddServerSecret();
        builder.AddHttpDefaults();
        builder.AddMail();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The full name of ASP.NET Core's hosted service that loads (or creates) the Data Protection key ring at start.</summary>
    internal const string DataProtectionStartupService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>
    /// Call after every feature has registered its services. Authentication brings ASP.NET Core Data Protection, whose hosted service
    /// reads (or creates, unencrypted) an XML key ring in the user's profile at every start. Nothing in Coffer protects data with it
    /// (sessions are random tokens looked up in the database; antiforgery is Coffer's own), so the key ring is not loaded at start:
    /// about 4 MB less resident memory (System.Private.Xml and the code compiled for it) and no key files written. Data Protection
    /// stays registered; anything that used it would load the key ring on first use.
    /// </summary>
    public static IHostApplicationBuilder SkipDataProtectionAtStart(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        for (var i = builder.Services.Count - 1; i >= 0; i--)
        {
            var descriptor = builder.Services[i];
            if (descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType?.FullName == DataProtectionStartupService)
                builder.Services.RemoveAt(i);
        }
        return builder;
    }
}
