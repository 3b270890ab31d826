using System.Diagnostics;
using Coffer.Web.Tests.Infrastructure;

namespace Coffer.Web.Tests.Owner;

/// <summary>Runs the server's own `admin create-organization` command against a running test server's data directory, as an operator does.</summary>
public static class ServerAdminCommand
{
    public static async Task CreateOrganizationAsync(CofferServerProcess server, string name, string adminEmail)
    {
        var dll = Path.Combine(RepositoryPaths.ServerProjectDirectory, "bin", RepositoryPaths.Configuration, "net10.0", "Coffer.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.ServerProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "admin", "create-organization", "--name", name, "--admin-email", adminEmail, "--plan", "Business" })
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = server.DataDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the admin command.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Never leave it running (it would serve on the default port) when it does not finish.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"admin create-organization did not finish within 60 s:\n{await output}\n{await error}");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"admin create-organization exited with {process.ExitCode}:\n{await output}\n{await error}");
    }
}
