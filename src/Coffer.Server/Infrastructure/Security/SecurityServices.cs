namespace Coffer.Server.Infrastructure.Security;

/// <summary>Registers the server secret.</summary>
public static class SecurityServices
{
    public static IHostApplicationBuilder AddServerSecret(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServerSecret>();
        return builder;
    }
}
