using System.Diagnostics;
using System.Text;

namespace Coffer.Cli.Tests.Infrastructure;

/// <summary>The result of one <c>coffer</c> run.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>Runs <c>dotnet coffer.dll</c> as a separate process with its own config directory (one per user), like a user would.</summary>
public sealed class CliUser : IDisposable
{
    public CliUser(string email, string password = "correct horse battery staple")
    {
        Email = email;
        Password = password;
        ConfigDirectory = Path.Combine(Path.GetTempPath(), "coffer-cli-user-" + Guid.NewGuid().ToString("N")[..12]);
        WorkDirectory = Path.Combine(ConfigDirectory, "work");
        Directory.CreateDirectory(WorkDirectory);
    }

    public string Email { get; }

    public string Password { get; }

    /// <summary>COFFER_CONFIG_DIR of this user (created by the CLI with mode 0700).</summary>
    public string ConfigDirectory { get; }

    /// <summary>The working directory of the user's commands (the default download location).</summary>
    public string WorkDirectory { get; }

    /// <summary>Extra environment variables of the user's commands (a time zone in <c>TZ</c>, say).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(RepositoryPaths.CliDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["COFFER_CONFIG_DIR"] = Path.Combine(ConfigDirectory, "config");
        start.Environment["COFFER_PASSWORD"] = Password;
        start.Environment.Remove("COFFER_CODE");
        start.Environment.Remove("COFFER_SERVER");
        foreach (var (name, value) in Environment)
            start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("coffer did not start");
    }

    /// <summary>Runs to completion; <paramref name="input"/> (when given) is awaited and written to stdin, e.g. a code mailed meanwhile.</summary>
    public async Task<CliResult> RunAsync(string[] args, Func<Task<string>>? input = null)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            var line = await input();
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("coffer " + string.Join(' ', args) + " did not finish:\n" + await stderr);
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null);

    public void Dispose()
    {
        try
        {
            Directory.Delete(ConfigDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
