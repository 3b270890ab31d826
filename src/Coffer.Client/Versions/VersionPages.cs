using System.Globalization;
using System.Runtime.CompilerServices;
using Coffer.Client.Http;
using Coffer.Contracts.Files;

namespace Coffer.Client.Versions;

/// <summary>
/// The paged version lists (<c>?before=&amp;limit=</c>, newest first, <c>nextBefore</c> naming the next page): the query
/// string, a walk over every page for callers that need every available version, and the lookup of one version by number.
/// </summary>
public static class VersionPages
{
    /// <summary>The server's largest page; a walk over all pages asks for pages of this size.</summary>
    public const int MaxLimit = 200;

    /// <summary>The query string of a page (empty for the server's default first page).</summary>
    public static string Query(int? before, int? limit)
    {
        var parts = new List<string>(2);
        if (before is { } b)
            parts.Add("before=" + b.ToString(CultureInfo.InvariantCulture));
        if (limit is { } l)
            parts.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>Every available version, newest first, fetched page by page through <paramref name="fetch"/>(before, limit).</summary>
    public static async IAsyncEnumerable<VersionDto> AllAsync(
        Func<int?, int, CancellationToken, Task<VersionListDto>> fetch, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        int? before = null;
        while (true)
        {
            var page = await fetch(before, MaxLimit, cancellationToken);
            foreach (var version in page.Versions)
                yield return version;
            if (page.NextBefore is not { } next)
                yield break;
            // A cursor that does not move down would loop forever: the server is broken, not the history long.
            if (before is { } previous && next >= previous)
                throw new CofferApiException($"The server's version cursor did not advance (nextBefore {next} after before {previous}).");
            before = next;
        }
    }

    /// <summary>Version <paramref name="number"/> when it is available (the latest when null): a page of one, ending below number + 1.</summary>
    public static async Task<VersionDto?> FindAsync(
        Func<int?, int, CancellationToken, Task<VersionListDto>> fetch, int? number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (number is < 1 or int.MaxValue)
            return null;
        var page = await fetch(number + 1, 1, cancellationToken);
        return page.Versions.FirstOrDefault(v => number is null || v.Number == number);
    }
}
