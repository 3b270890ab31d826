using Coffer.Server.Features.Organizations;
using Microsoft.AspNetCore.Authorization;

namespace Coffer.Server.Features.Accounts;

/// <summary>Registers accounts: options, hashing, sessions and the session authentication scheme.</summary>
public static class AccountsServices
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>()
            .Bind(builder.Configuration.GetSection(AccountsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AuthKeyHasher>();
        builder.Services.AddSingleton<Sessions>();
        builder.Services.AddScoped<ConfirmationCodes>();
        builder.Services.AddScoped<Me.Reader>();
        builder.Services.AddScoped<AccountPlans>();

        builder.Services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(
                SessionAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(SessionAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        return builder;
    }
}
