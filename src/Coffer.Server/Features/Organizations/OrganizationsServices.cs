using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Organizations;

/// <summary>Registers plans and organizations.</summary>
public static class OrganizationsServices
{
    public static IHostApplicationBuilder AddOrganizations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlansOptions>()
            .Bind(builder.Configuration.GetSection(PlansOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PlansOptions>, PlansOptionsValidator>();
        return builder;
    }
}
