using Spectre.Console;

namespace Coffer.Cli.Infrastructure;

/// <summary>Reads passwords and codes: from an environment variable, else from the terminal, masked (each character shows as <c>*</c>), else one line of stdin.</summary>
public static class Secrets
{
    public const string PasswordVariable = "COFFER_PASSWORD";
    public const string CodeVariable = "COFFER_CODE";

    public static string Read(string variable, string prompt, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;
        if (Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            return !string.IsNullOrEmpty(line)
                ? line
                : throw new CliException(ExitCodes.Usage, $"{prompt} needed: set {variable} or run in a terminal.");
        }

        return console.Prompt(new TextPrompt<string>(prompt + ":").Secret());
    }

    /// <summary>A code an earlier run had mailed, handed over by a script in <see cref="CodeVariable"/>; null when not set.</summary>
    public static string? MailedCodeFromEnvironment() =>
        Environment.GetEnvironmentVariable(CodeVariable) is { } code && !string.IsNullOrWhiteSpace(code) ? code : null;

    /// <summary>
    /// The code just mailed, from the terminal or one line of stdin; with neither (a script with nothing on stdin), says how to
    /// finish with <see cref="CodeVariable"/> instead of waiting.
    /// </summary>
    public static string ReadMailedCode(string prompt, IAnsiConsole console, string rerunHint)
    {
        if (Console.IsInputRedirected && Console.In.Peek() < 0)
            throw new CliException(ExitCodes.Usage, $"Type the code in a terminal, or run the same command again with {CodeVariable}=<code> {rerunHint}.");
        return Read(CodeVariable, prompt, console);
    }

    public static string NewPassword(IAnsiConsole console, bool readFromPasswordVariable = true)
    {
        var variable = readFromPasswordVariable ? PasswordVariable : "COFFER_NEW_PASSWORD";
        var password = Read(variable, "New password", console);
        if (Environment.GetEnvironmentVariable(variable) is null && !Console.IsInputRedirected)
        {
            var again = console.Prompt(new TextPrompt<string>("Repeat the password:").Secret());
            if (!string.Equals(password, again, StringComparison.Ordinal))
                throw new CliException(ExitCodes.Usage, "The passwords differ.");
        }

        if (password.Length < 8)
            throw new CliException(ExitCodes.Usage, "Choose a password of at least 8 characters.");
        return password;
    }
}
