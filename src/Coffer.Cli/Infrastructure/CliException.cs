namespace Coffer.Cli.Infrastructure;

/// <summary>A failure the CLI explains in one sentence and maps to an exit code.</summary>
public sealed class CliException : Exception
{
    public CliException(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public CliException()
        : this(ExitCodes.Usage, "Invalid usage.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Usage, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Usage;

    public int ExitCode { get; }
}
