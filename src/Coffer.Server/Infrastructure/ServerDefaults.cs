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
}
