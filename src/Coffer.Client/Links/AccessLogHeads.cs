using System.Text.Json;
using Coffer.Client.State;
using Coffer.Contracts.Links;

namespace Coffer.Client.Links;

/// <summary>The newest entry of a link's access log seen intact on this machine: its sequence number and hash.</summary>
public sealed record AccessLogHead(long Sequence, string Hash);

/// <summary>
/// Remembers, per link, the head of the access log at its last successful verification (a 0600 file in the state directory),
/// so the next verification can tell that entries were cut off the end or that the remembered entry was rewritten: a hash
/// chain alone proves only that what is left is consistent (API.md, "Access log").
/// </summary>
public sealed class AccessLogHeads(StateDirectory state)
{
    private string HeadsDirectory => state.File("log-heads");

    public AccessLogHead? Find(string linkId)
    {
        var path = PathOf(linkId);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), ClientJsonContext.Default.AccessLogHead);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Save(string linkId, AccessLogHead head)
    {
        SecureFile.EnsurePrivateDirectory(state.Path);
        SecureFile.EnsurePrivateDirectory(HeadsDirectory);
        SecureFile.WriteAllBytes(PathOf(linkId), JsonSerializer.SerializeToUtf8Bytes(head, ClientJsonContext.Default.AccessLogHead));
    }

    /// <summary>
    /// The server's verdict, made stricter by what this machine saw before: a log now shorter than the remembered head, or whose
    /// entry at the remembered sequence no longer has the remembered hash, is broken there. An intact result moves the head.
    /// </summary>
    public async Task<AccessLogVerificationDto> CheckAsync(
        string linkId, AccessLogVerificationDto verdict, Func<long, CancellationToken, Task<AccessLogEntryDto?>> entryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(entryAt);
        if (!verdict.Intact)
            return verdict;
        if (Find(linkId) is { } head)
        {
            if (verdict.Checked < head.Sequence)
            {
                return verdict with
                {
                    Intact = false,
                    FirstBrokenSequence = verdict.Checked + 1,
                    Problem = $"The log ends at entry {verdict.Checked}, but it reached entry {head.Sequence} when it was last verified on this machine: entries were removed from its end.",
                };
            }

            var entry = await entryAt(head.Sequence, cancellationToken);
            if (entry is null || !string.Equals(entry.Hash, head.Hash, StringComparison.OrdinalIgnoreCase))
            {
                return verdict with
                {
                    Intact = false,
                    FirstBrokenSequence = head.Sequence,
                    Problem = $"Entry {head.Sequence} is not the one seen when the log was last verified on this machine: the log was rewritten from there.",
                };
            }
        }

        if (verdict.Checked > 0 && verdict.LastHash is { } lastHash)
            Save(linkId, new AccessLogHead(verdict.Checked, lastHash));
        return verdict;
    }

    private string PathOf(string linkId) =>
        Path.Combine(HeadsDirectory, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(linkId)))[..32] + ".json");
}
