using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Organizations;

/// <summary>The server's maintenance commands: <c>admin create-organization --name N --admin-email E [--plan P]</c>.</summary>
public static class AdminCommand
{
    public static bool IsAdminCommand(string[] args) => args.Length > 0 && args[0] == "admin";

    /// <summary>Runs the command against the configured database and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        await services.MigrateDatabaseAsync();
        if (args.Length < 2 || args[1] != "create-organization")
        {
            await error.WriteLineAsync("Usage: admin create-organization --name <name> --admin-email <email> [--plan Personal|Professional|Business|Enterprise]");
            return 2;
        }

        var name = Option(args, "--name");
        var email = Option(args, "--admin-email");
        var planText = Option(args, "--plan") ?? nameof(Plan.Business);
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(email) || !Enum.TryParse<Plan>(planText, ignoreCase: true, out var plan))
        {
            await error.WriteLineAsync("create-organization needs --name and --admin-email; --plan must be Personal, Professional, Business or Enterprise.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
        var failure = await OrganizationAdmin.CreateAsync(db, services.GetRequiredService<TimeProvider>(), name.Trim(), email, plan, CancellationToken.None);
        if (failure is not null)
        {
            await error.WriteLineAsync(failure);
            return 1;
        }

        var count = await db.Set<Organization>().CountAsync();
        await output.WriteLineAsync($"Created organization \"{name.Trim()}\" on the {plan} plan with admin {email.Trim().ToLowerInvariant()} ({count} organization(s) in total).");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
