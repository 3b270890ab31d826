using Coffer.Cli.Infrastructure;
using Coffer.Client.Versions;

namespace Coffer.Cli.Commands;

/// <summary>What <c>coffer versions</c> was asked to show: the target, and one page (<c>--limit</c>, <c>--before</c>) or <c>--all</c>.</summary>
public sealed record VersionListing(string Target, int Limit, int? Before, bool All)
{
    /// <summary>A screenful: a long history is listed newest first and the listing says how to see the rest.</summary>
    public const int DefaultLimit = 20;

    public static VersionListing Of(string target, int? limit, int? before, bool all)
    {
        if (all && (limit is not null || before is not null))
            throw new CliException(ExitCodes.Usage, "--all lists every version; it does not combine with --limit or --before.");
        if (limit is < 1 or > VersionPages.MaxLimit)
            throw new CliException(ExitCodes.Usage, $"--limit must be from 1 to {VersionPages.MaxLimit}.");
        if (before is < 1)
            throw new CliException(ExitCodes.Usage, "--before must be a version number (1 or more).");
        return new VersionListing(target, limit ?? DefaultLimit, before, all);
    }
}
