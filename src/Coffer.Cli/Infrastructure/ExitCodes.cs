namespace Coffer.Cli.Infrastructure;

/// <summary>The documented process exit codes of <c>coffer</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad arguments or a missing input (no terminal to ask a password on, say).</summary>
    public const int Usage = 1;

    /// <summary>Authentication failed: not logged in, session expired or missing, wrong password or code, email not confirmed.</summary>
    public const int Auth = 2;

    /// <summary>No such file, version, link or folder.</summary>
    public const int NotFound = 3;

    /// <summary>A conflict or a format refusal: a different extension or content signature, an existing output file, a link that cannot do this.</summary>
    public const int Conflict = 4;

    /// <summary>The server could not be reached or the connection broke after retries.</summary>
    public const int Network = 5;

    /// <summary>Integrity: content, keys or metadata did not verify, or the access log's chain is broken.</summary>
    public const int Integrity = 6;

    /// <summary>The server refused for another reason (downloads disabled, link revoked, suspended, expired or at its open limit, not an admin, rate limit, too large) or failed (5xx).</summary>
    public const int Server = 7;

    /// <summary>Interrupted (Ctrl+C); a transfer resumes when the command runs again.</summary>
    public const int Cancelled = 130;
}
