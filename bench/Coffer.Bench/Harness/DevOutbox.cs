using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Coffer.Bench.Harness;

/// <summary>Reads one-time codes from the server's development outbox (<c>/dev/outbox.json?to=</c>).</summary>
internal sealed partial class DevOutbox(HttpClient http, string baseAddress)
{
    private sealed record Mail(long Id, string To, string Subject, string Text);

    /// <summary>The code of the newest mail to <paramref name="email"/> newer than <paramref name="afterId"/>, waiting for it to arrive.</summary>
    public async Task<(string Code, long MailId)> WaitForCodeAsync(string email, long afterId = 0, CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            var mails = await http.GetFromJsonAsync<List<Mail>>($"{baseAddress}/dev/outbox.json?to={Uri.EscapeDataString(email)}", cancellationToken) ?? [];
            var newest = mails.Where(m => m.Id > afterId).OrderByDescending(m => m.Id).FirstOrDefault();
            if (newest is not null && SixDigits().Match(newest.Subject) is { Success: true } match)
                return (match.Value, newest.Id);
            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"No code mailed to {email} within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s.");
    }

    /// <summary>The id of the newest mail to <paramref name="email"/> (0 when none), so a later wait picks only a newer code.</summary>
    public async Task<long> LatestIdAsync(string email, CancellationToken cancellationToken = default)
    {
        var mails = await http.GetFromJsonAsync<List<Mail>>($"{baseAddress}/dev/outbox.json?to={Uri.EscapeDataString(email)}", cancellationToken) ?? [];
        return mails.Count == 0 ? 0 : mails.Max(m => m.Id);
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
