using System.CommandLine;
using Coffer.Cli.Infrastructure;
using Coffer.Client.Http;
using Coffer.Client.Owner;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Spectre.Console;

namespace Coffer.Cli.Commands;

/// <summary><c>register</c>, <c>login</c>, <c>logout</c>, <c>whoami</c>.</summary>
public static class AccountCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Register();
        yield return Login();
        yield return Logout();
        yield return WhoAmI();
        yield return Passwd();
    }

    private static Command Passwd()
    {
        var command = new Command("passwd", "Change your password (current one from COFFER_PASSWORD or the terminal, new one from COFFER_NEW_PASSWORD or the terminal); other sessions end");
        command.SetHandler(async (_, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            var current = Secrets.Read(Secrets.PasswordVariable, "Current password", environment.Err);
            var fresh = Environment.GetEnvironmentVariable("COFFER_NEW_PASSWORD") is { Length: > 0 } fromEnvironment ? fromEnvironment : Secrets.NewPassword(environment.Err, readFromPasswordVariable: false);
            await session.ChangePasswordAsync(current, fresh, cancellationToken);
            environment.Info("Password changed; your other sessions were ended.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Register()
    {
        var email = new Argument<string>("EMAIL") { Description = "Your email address; a confirmation code is mailed to it" };
        var command = new Command("register", "Create an account (password from COFFER_PASSWORD or the terminal; the mailed code from the terminal), then log in. With COFFER_CODE set to a code an earlier run mailed, finish that registration instead") { email };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var address = AccountKeys.NormalizeEmail(parse.GetValue(email)!);
            var password = Secrets.NewPassword(environment.Err);
            var server = environment.Server;
            using var http = environment.CreateHttp(server);
            var api = new OwnerApi(http);
            // COFFER_CODE holds the code an earlier run had mailed (a script read it from the mail): finish that registration
            // instead of starting another.
            var code = Secrets.MailedCodeFromEnvironment();
            if (code is null)
            {
                await OwnerSession.RegisterAsync(api, address, password, cancellationToken);
                environment.Info($"A confirmation code was mailed to [bold]{TerminalText.ForMarkup(address)}[/] (on a development server: {TerminalText.ForMarkup(server)}/dev/outbox).");
                code = Secrets.ReadMailedCode("Confirmation code", environment.Err, "(and the same password) to finish registering");
            }

            await api.ConfirmAsync(address, code.Trim(), cancellationToken);
            var session = await OwnerSession.LoginAsync(api, address, password, environment.State, cancellationToken);
            SaveLogin(environment, server, api, session);
            environment.Info($"Registered and logged in as [bold]{TerminalText.ForMarkup(address)}[/].");
            if (environment.Json)
                environment.WriteJson(new { email = address, server });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Login()
    {
        var email = new Argument<string>("EMAIL") { Description = "Your account's email address" };
        var command = new Command("login", "Log in (password from COFFER_PASSWORD or the terminal); the session is saved in the config directory, readable only by you") { email };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var address = AccountKeys.NormalizeEmail(parse.GetValue(email)!);
            var password = Secrets.Read(Secrets.PasswordVariable, "Password", environment.Err);
            var server = environment.Server;
            using var http = environment.CreateHttp(server);
            var api = new OwnerApi(http);
            var session = await OwnerSession.LoginAsync(api, address, password, environment.State, cancellationToken);
            SaveLogin(environment, server, api, session);
            environment.Info($"Logged in as [bold]{TerminalText.ForMarkup(session.Account.Email)}[/] at {TerminalText.ForMarkup(server)}.");
            if (environment.Json)
                environment.WriteJson(new { email = session.Account.Email, server, plan = session.Account.Plan });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Logout()
    {
        var command = new Command("logout", "End the session on the server and forget it here");
        command.SetHandler(async (_, environment, cancellationToken) =>
        {
            if (environment.Config.Owner is null)
            {
                environment.Info("Not logged in.");
                return ExitCodes.Ok;
            }

            var session = environment.RequireOwner();
            try
            {
                await session.Api.LogoutAsync(cancellationToken);
            }
            catch (CofferApiException e) when (e.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                // Already expired on the server: forgetting it here is all that is left.
            }
            finally
            {
                environment.Config = environment.Config with { Owner = null };
                environment.SaveConfig();
            }

            environment.Info("Logged out.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command WhoAmI()
    {
        var command = new Command("whoami", "Show the logged-in account, its plan and organization");
        command.SetHandler(async (_, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            var me = await session.Api.MeAsync(cancellationToken);
            if (environment.Json)
            {
                environment.WriteJson(new { me.Id, me.Email, me.Plan, me.Limits, server = environment.Config.Owner!.Server, me.Organization });
                return ExitCodes.Ok;
            }

            environment.Out.MarkupLine($"[bold]{TerminalText.ForMarkup(me.Email)}[/] at {TerminalText.ForMarkup(environment.Config.Owner!.Server)}");
            environment.Out.MarkupLine($"Plan: {TerminalText.ForMarkup(me.Plan)} (versions available: {(me.Limits.VersionsAvailable is { } n && n > 0 ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all")}, cooperative links: {(me.Limits.CooperativeLinks ? "yes" : "no")}, max file size: {Sizes.Bytes(me.Limits.MaxFileSizeBytes)})");
            if (me.Organization is { } organization)
                environment.Out.MarkupLine($"Organization: {TerminalText.ForMarkup(organization.Name)} ({TerminalText.ForMarkup(organization.Role)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void SaveLogin(CliEnvironment environment, string server, OwnerApi api, OwnerSession session)
    {
        environment.Config = environment.Config with
        {
            Server = server,
            Owner = new OwnerLogin(server, session.Account.Email, session.Account.Id, api.BearerToken!, Base64Url.Encode(session.AccountKey), session.SessionExpiresAt ?? DateTimeOffset.MaxValue),
        };
        environment.SaveConfig();
    }
}
