using System.CommandLine;
using System.Net;
using Coffer.Client.Downloads;
using Coffer.Client.Http;
using Coffer.Client.Recipients;
using Coffer.Crypto.Errors;

namespace Coffer.Cli.Infrastructure;

/// <summary>The global options and the wrapper that runs a command's action, turning failures into a message and an exit code.</summary>
public static class CommandRunner
{
    public static readonly Option<string?> Server = new("--server")
    {
        Description = "The Coffer server (default: the one you logged in to, COFFER_SERVER, or " + CliEnvironment.DefaultServer + ")",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print results as JSON (no progress bars)",
        Recursive = true,
    };

    public static void SetHandler(this Command command, Func<ParseResult, CliEnvironment, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var environment = new CliEnvironment(parse.GetValue(Server), parse.GetValue(Json));
                return await action(parse, environment, cancellationToken);
            }
            catch (Exception e)
            {
                var (code, message) = Describe(e, cancellationToken);
                await Console.Error.WriteLineAsync("coffer: " + message);
                if (Environment.GetEnvironmentVariable("COFFER_DEBUG") == "1")
                    await Console.Error.WriteLineAsync(string.Join('\n', e.ToString().ReplaceLineEndings("\n").Split('\n').Select(TerminalText.Safe)));
                return code;
            }
        });
    }

    /// <summary>
    /// The exit code and the one-line message for a failure. The message is made terminal-safe (<see cref="TerminalText"/>):
    /// it can hold the server's problem detail, a file name or a path someone else chose.
    /// </summary>
    public static (int Code, string Message) Describe(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (code, message) = exception switch
        {
            CliException e => (e.ExitCode, e.Message),
            OutputExistsException e => (ExitCodes.Conflict, $"{e.OutputPath} exists; choose another output (-o) or add --force to overwrite it."),
            FormatRefusedException e => (ExitCodes.Conflict, e.Message + " Nothing was uploaded."),
            CofferApiException e => (CodeFor(e), $"{e.Message} ({e.ErrorCode})"),
            CofferCryptoException e => (ExitCodes.Integrity, "Verification failed: " + e.Message),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Cancelled, "Interrupted; run the same command again to resume."),
            OperationCanceledException => (ExitCodes.Network, "The server did not answer in time."),
            HttpRequestException e => (ExitCodes.Network, "Cannot reach the server: " + e.Message),
            FileNotFoundException e => (ExitCodes.NotFound, e.Message + (e.FileName is { } f ? " " + f : "")),
            DirectoryNotFoundException e => (ExitCodes.NotFound, e.Message),
            UnauthorizedAccessException e => (ExitCodes.Usage, e.Message),
            IOException e => (ExitCodes.Conflict, e.Message),
            _ => (ExitCodes.Server, exception.GetType().Name + ": " + exception.Message),
        };
        return (code, TerminalText.Safe(message));
    }

    /// <summary>
    /// Maps a problem to an exit code by its errorCode: only failed authentication (not logged in, session gone, wrong
    /// password or code) is 2; a link that is revoked, suspended, expired, used up or has downloads disabled is a refusal, 7.
    /// </summary>
    public static int CodeFor(CofferApiException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.ErrorCode switch
        {
            "invalid-credentials" or "email-not-confirmed" or "invalid-code" or "unauthenticated" or "link-session-required" or "antiforgery-failed" => ExitCodes.Auth,
            "not-found" or "link-not-found" or "version-not-available" or "upload-not-found" or "parent-not-found" => ExitCodes.NotFound,
            "link-revoked" or "link-expired" or "link-open-limit-reached" or "link-suspended" or "download-disabled" => ExitCodes.Server,
            "extension-mismatch" or "conflict" or "duplicate-id" or "file-trashed" or "link-not-cooperative" or "upload-incomplete" or "folder-cycle" => ExitCodes.Conflict,
            _ => e.Status switch
            {
                HttpStatusCode.Unauthorized => ExitCodes.Auth,
                HttpStatusCode.NotFound => ExitCodes.NotFound,
                HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.PreconditionFailed => ExitCodes.Conflict,
                HttpStatusCode.BadRequest => ExitCodes.Usage,
                _ => ExitCodes.Server,
            },
        };
    }
}
