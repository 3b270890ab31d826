using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Coffer.Contracts.Links;

namespace Coffer.Bench.Recipients;

/// <summary>What one load phase measured: latencies per request kind (ms), errors by cause, the wall time.</summary>
internal sealed class LoadResult
{
    public Dictionary<string, List<double>> LatenciesMs { get; } = new() { ["metadata"] = [], ["range"] = [] };

    public Dictionary<string, int> Errors { get; } = [];

    public double Seconds { get; set; }

    public int Requests => LatenciesMs.Values.Sum(l => l.Count);

    public int ErrorCount => Errors.Values.Sum();

    public void Merge(LoadResult other)
    {
        foreach (var (kind, list) in other.LatenciesMs)
            LatenciesMs[kind].AddRange(list);
        foreach (var (cause, count) in other.Errors)
            Errors[cause] = Errors.GetValueOrDefault(cause) + count;
    }
}

/// <summary>
/// Each session is one worker alternating the link's metadata (<c>GET /api/l/{id}</c>) and a 64 KiB range of one of its
/// versions (never from byte 0, which would be a logged preview start). Closed loop when <c>interval</c> is null (the next
/// request leaves when the last answer arrives); otherwise paced, with latency measured from the scheduled send time so a
/// slow server cannot hide its queue (no coordinated omission).
/// </summary>
internal sealed class LoadGenerator(string baseAddress, RecipientFixture fixture)
{
    private const int RangeBytes = 64 * 1024;

    public async Task<LoadResult> RunAsync(TimeSpan duration, TimeSpan? interval, CancellationToken cancellationToken = default)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = fixture.SessionTokens.Count,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseAddress + "/"), Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        var end = duration;
        var workers = fixture.SessionTokens.Select((token, index) => Task.Run(() => WorkerAsync(http, token, index, clock, end, interval, cancellationToken), cancellationToken)).ToArray();
        var results = await Task.WhenAll(workers);
        var total = new LoadResult { Seconds = clock.Elapsed.TotalSeconds };
        foreach (var result in results)
            total.Merge(result);
        return total;
    }

    private async Task<LoadResult> WorkerAsync(HttpClient http, string sessionToken, int index, Stopwatch clock, TimeSpan end, TimeSpan? interval, CancellationToken cancellationToken)
    {
        var result = new LoadResult();
        var versions = fixture.Versions;
        // Spread paced workers over the interval so they do not fire in lockstep.
        var next = interval is { } pace ? TimeSpan.FromTicks(pace.Ticks * index / fixture.SessionTokens.Count) : TimeSpan.Zero;
        for (long i = index; ; i++)
        {
            if (interval is not null)
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellationToken);
            }

            var start = interval is null ? clock.Elapsed : next;
            if (start >= end)
                break;

            var metadata = i % 2 == 0;
            RangeHeaderValue? range = null;
            using var request = new HttpRequestMessage(HttpMethod.Get, metadata ? $"api/l/{fixture.LinkId}" : RangePath(versions[(int)(i / 2 % versions.Count)], i, out range));
            request.Headers.Add(LinkHttp.TokenHeader, fixture.LinkTokenHeader);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
            request.Headers.Range = range;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var elapsed = (clock.Elapsed - start).TotalMilliseconds;
                var expected = metadata ? HttpStatusCode.OK : HttpStatusCode.PartialContent;
                if (response.StatusCode == expected)
                    result.LatenciesMs[metadata ? "metadata" : "range"].Add(elapsed);
                else
                    Count(result, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException e)
            {
                Count(result, e.GetType().Name + ": " + e.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Count(result, "timeout");
            }

            if (interval is { } step)
                next += step;
        }

        return result;
    }

    private string RangePath((int Number, long Length) version, long i, out RangeHeaderValue range)
    {
        // A segment-aligned start after byte 0 (a seek inside a preview), 64 KiB long, inside the ciphertext.
        var segments = Math.Max(1, (version.Length - RangeBytes) >> 20);
        var from = Math.Min(1 + ((i * 7919) % segments << 20), Math.Max(1, version.Length - RangeBytes));
        range = new RangeHeaderValue(from, from + RangeBytes - 1);
        return $"api/l/{fixture.LinkId}/versions/{version.Number.ToString(CultureInfo.InvariantCulture)}/content?purpose=preview";
    }

    private static void Count(LoadResult result, string cause) => result.Errors[cause] = result.Errors.GetValueOrDefault(cause) + 1;
}
