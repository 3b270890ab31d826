using Coffer.Server.Infrastructure.Http;

namespace Coffer.Server.Features.Accounts;

/// <summary>The account routes under <c>/api/accounts</c>.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts");

        var anonymous = group.MapGroup("").RequireRateLimiting(RateLimits.AccountsPolicy);
        anonymous.MapPost("/prelogin", Prelogin.Handle).WithName("Prelogin")
            .WithSummary("The KDF parameters for an email (stable fake ones for unknown emails).");
        anonymous.MapPost("/register", Register.Handle).WithName("Register")
            .WithSummary("Creates an account and mails a confirmation code; always 202.");
        anonymous.MapPost("/confirm", Confirm.Handle).WithName("ConfirmEmail")
            .WithSummary("Confirms the email with the mailed code.");
        anonymous.MapPost("/confirm/resend", Confirm.Resend).WithName("ResendConfirmationCode")
            .WithSummary("Mails a new confirmation code (the previous one stops working); always 202.");
        anonymous.MapPost("/login", Login.Handle).WithName("Login")
            .WithSummary("Opens a session: a bearer token, or cookies when mode is \"cookie\".");

        var authenticated = group.MapGroup("").RequireAuthorization();
        authenticated.MapPost("/logout", Logout.Handle).WithName("Logout").WithSummary("Ends the current session.");
        authenticated.MapGet("/me", Me.Handle).WithName("GetMe").WithSummary("The logged-in account.");
        authenticated.MapPost("/password", ChangePassword.Handle).WithName("ChangePassword")
            .WithSummary("Replaces the KDF record, auth key and wrapped account key; ends the other sessions.");
        return app;
    }
}
