using System.CommandLine;
using Coffer.Cli.Infrastructure;
using Coffer.Contracts.Organizations;
using Spectre.Console;

namespace Coffer.Cli.Commands;

/// <summary><c>admin</c>: an organization admin's policy, members and links.</summary>
public static class AdminCommands
{
    public static Command Create()
    {
        var command = new Command("admin", "Organization administration (admins only)");
        var policy = new Command("policy", "The organization's link policy");
        policy.Subcommands.Add(ShowPolicy());
        policy.Subcommands.Add(SetPolicy());
        command.Subcommands.Add(policy);
        command.Subcommands.Add(Members());
        return command;
    }

    private static Command ShowPolicy()
    {
        var command = new Command("show", "Show the link policy");
        command.SetHandler(async (_, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            Write(environment, await session.Api.GetPolicyAsync(cancellationToken));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetPolicy()
    {
        var allow = new Option<bool?>("--allow-cooperative") { Description = "Allow cooperative links (true/false)" };
        var disable = new Option<bool?>("--disable-downloads") { Description = "Disable downloads by policy (true/false); suspends cooperative links" };
        var defaultDays = new Option<string?>("--default-expiry-days") { Description = "Default link expiry in days, or none" };
        var maxDays = new Option<string?>("--max-expiry-days") { Description = "Maximum link expiry in days, or none" };
        var command = new Command("set", "Change the link policy (options left out keep their value)") { allow, disable, defaultDays, maxDays };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            var current = await session.Api.GetPolicyAsync(cancellationToken);
            var updated = new OrganizationPolicyDto(
                parse.GetValue(allow) ?? current.AllowCooperativeLinks,
                parse.GetValue(disable) ?? current.DisableDownloads,
                Days(parse.GetValue(defaultDays), current.DefaultLinkExpiryDays),
                Days(parse.GetValue(maxDays), current.MaxLinkExpiryDays));
            Write(environment, await session.Api.PutPolicyAsync(updated, cancellationToken));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Members()
    {
        var command = new Command("members", "List the organization's members");
        command.SetHandler(async (_, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            var organization = await session.Api.GetOrganizationAsync(cancellationToken);
            if (environment.Json)
            {
                environment.WriteJson(organization);
                return ExitCodes.Ok;
            }

            environment.Out.MarkupLine($"[bold]{TerminalText.ForMarkup(organization.Name)}[/] ({TerminalText.ForMarkup(organization.Plan)})");
            var table = new Table().AddColumns("Email", "Role");
            foreach (var member in organization.Members)
                table.AddRow(TerminalText.ForMarkup(member.Email), TerminalText.ForMarkup(member.Role));
            environment.Out.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int? Days(string? text, int? current) => text switch
    {
        null => current,
        "none" or "" => null,
        _ when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) => days,
        _ => throw new CliException(ExitCodes.Usage, $"Expiry days must be a whole number or none, not \"{text}\"."),
    };

    private static void Write(CliEnvironment environment, OrganizationPolicyDto policy)
    {
        if (environment.Json)
        {
            environment.WriteJson(policy);
            return;
        }

        environment.Out.MarkupLine($"Cooperative links: {(policy.AllowCooperativeLinks ? "allowed" : "blocked")}");
        environment.Out.MarkupLine($"Downloads: {(policy.DisableDownloads ? "disabled by policy (cooperative links suspended)" : "allowed")}");
        environment.Out.MarkupLine($"Default link expiry: {(policy.DefaultLinkExpiryDays is { } d ? d + " days" : "none")}");
        environment.Out.MarkupLine($"Maximum link expiry: {(policy.MaxLinkExpiryDays is { } m ? m + " days" : "none")}");
    }
}
