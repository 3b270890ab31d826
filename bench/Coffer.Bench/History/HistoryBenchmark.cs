using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coffer.Bench.Harness;
using Coffer.Client.Owner;
using Coffer.Client.Recipients;
using Coffer.Client.State;
using Coffer.Contracts.Links;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Links;

namespace Coffer.Bench.History;

/// <summary>
/// A link with 1 000 000 access-log events and a file with 10 000 versions, seeded into the server's database; then the time
/// to fetch pages of each through the HTTP API (median and p99 of sequential fetches), and one full chain verification.
/// </summary>
internal static class HistoryBenchmark
{
    private const string OwnerEmail = "bench-history-owner@example.com";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var events = (long)options.Int("--events", 1_000_000);
        var versions = options.Int("--versions", 10_000);
        var fetches = options.Int("--fetches", 50);
        var output = options.String("--output", ResultFile.DefaultPath("history"));
        var loadBefore = MachineInfo.LoadAverage();
        var serverDll = await Builds.ServerAsync(!options.Flag("--no-build"));
        var work = BenchPaths.NewTempDirectory("history");
        var data = Path.Combine(work, "data");
        try
        {
            Guid fileId;
            string linkId, linkToken, ownerToken, recipientToken;
            await using (var first = await CofferServer.StartAsync(serverDll, data, keepData: true))
            {
                using var http = BenchOwner.Http(first.BaseAddress);
                var owner = await BenchOwner.CreateAsync(http, first.BaseAddress, OwnerEmail, Path.Combine(work, "owner-state"));
                var path = Path.Combine(work, "history.bin");
                await RandomFile.CreateAsync(path, 64 * 1024);
                var put = await owner.PutFileAsync(path, folderId: null);
                fileId = put.File.Id;
                var (link, url) = await owner.CreateLinkAsync(put.File, new CreateLinkOptions(Modify: true), first.BaseAddress);
                linkId = link.Id;
                if (!LinkUrl.TryParse(url, out var address))
                    throw new InvalidOperationException("bad link URL");
                linkToken = Base64Url.Encode(LinkKeys.DeriveAuthToken(address.Secret, linkId));
                var recipient = new RecipientSession(http, address, new StateDirectory(Path.Combine(work, "recipient-state")));
                var outbox = new DevOutbox(http, first.BaseAddress);
                await recipient.OpenAsync("bench-history-recipient@example.com", async ct => (await outbox.WaitForCodeAsync("bench-history-recipient@example.com", 0, ct)).Code);
                recipientToken = recipient.Api.SessionToken!;
                ownerToken = owner.Api.BearerToken!;
            }

            Console.WriteLine($"history: seeding {versions} versions and {events} access-log events");
            var seed = Stopwatch.StartNew();
            var addedVersions = await HistorySeeder.SeedVersionsAsync(Path.Combine(data, "coffer.db"), fileId, versions);
            var versionSeconds = seed.Elapsed.TotalSeconds;
            seed.Restart();
            var addedEvents = await HistorySeeder.SeedAccessLogAsync(Path.Combine(data, "coffer.db"), linkId, events);
            var eventSeconds = seed.Elapsed.TotalSeconds;
            Console.WriteLine($"  seeded in {versionSeconds:F1} s + {eventSeconds:F1} s");

            await using var server = await CofferServer.StartAsync(serverDll, data);
            using var client = new HttpClient { BaseAddress = new Uri(server.BaseAddress + "/"), Timeout = TimeSpan.FromMinutes(10) };
            var measurements = new JsonArray();

            async Task Measure(string name, string path, int count, Action<HttpRequestMessage> authorize, string? note = null)
            {
                var (times, bytes, body) = await FetchAsync(client, path, count, authorize);
                var row = new JsonObject
                {
                    ["name"] = name,
                    ["request"] = "GET /" + path,
                    ["fetches"] = count,
                    ["responseBytes"] = bytes,
                    ["medianMs"] = Stats.Round(Stats.Median(times), 2),
                    ["p99Ms"] = Stats.Round(Stats.Percentile(times, 99), 2),
                    ["maxMs"] = Stats.Round(times.Max(), 2),
                    ["items"] = Items(body),
                };
                if (note is not null)
                    row["note"] = note;
                Console.WriteLine($"  {name}: median {row["medianMs"]} ms, p99 {row["p99Ms"]} ms, {bytes} bytes");
                measurements.Add(row);
            }

            void Owner(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ownerToken);
            void Recipient(HttpRequestMessage r)
            {
                r.Headers.Add(LinkHttp.TokenHeader, linkToken);
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", recipientToken);
            }

            var log = $"api/links/{linkId}/log";
            await Measure("access log: first page (100)", log + "?limit=100", fetches, Owner);
            await Measure($"access log: middle page (100, after {events / 2})", log + $"?after={events / 2}&limit=100", fetches, Owner);
            await Measure("access log: last page (100)", log + $"?after={events - 100}&limit=100", fetches, Owner);
            await Measure($"access log: largest page (500, after {events / 2})", log + $"?after={events / 2}&limit=500", fetches, Owner);

            var dbPath = Path.Combine(data, "coffer.db");
            var deep = Math.Max(1, versions / 2);
            foreach (var (plan, window) in new[] { ("Professional", "latest 10"), ("Business", "latest 100"), ("Enterprise", "all") })
            {
                await HistorySeeder.ExecuteAsync(dbPath, "UPDATE Accounts SET Plan = $p WHERE Email = $e", ("$p", plan), ("$e", OwnerEmail));
                var of = $"{plan}: {window} of {versions}";
                await Measure($"versions: first page ({of})", $"api/files/{fileId:D}/versions", fetches, Owner,
                    "the default page: the newest 50 inside the plan's window");
                await Measure($"versions: deep page, before={deep} ({of})", $"api/files/{fileId:D}/versions?before={deep}", fetches, Owner,
                    "the cursor's page below version " + deep.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; empty when the window ends above it");
                await Measure($"versions: largest page, limit=200 ({of})", $"api/files/{fileId:D}/versions?limit=200", fetches, Owner);
                await Measure($"recipient link metadata ({of})", $"api/l/{linkId}", fetches, Recipient,
                    "LinkInfoDto embeds the first page of versions");
                await Measure($"recipient versions: deep page, before={deep} ({of})", $"api/l/{linkId}/versions?before={deep}", fetches, Recipient);
            }

            await HistorySeeder.ExecuteAsync(dbPath, "UPDATE Accounts SET Plan = 'Professional' WHERE Email = $e", ("$e", OwnerEmail));
            Console.WriteLine("  verifying the whole chain through /log/verify");
            var (verifyTimes, _, verifyBody) = await FetchAsync(client, log + "/verify", 1, Owner, warmUp: 0);
            var verification = JsonNode.Parse(verifyBody)!;
            Console.WriteLine($"  verify: {verifyTimes[0] / 1000:F1} s → {verification.ToJsonString()}");
            if (verification["intact"]?.GetValue<bool>() != true)
                throw new InvalidOperationException("the seeded chain does not verify: " + verification.ToJsonString());

            var (csvTimes, csvBytes, _) = await FetchAsync(client, log + ".csv", 1, Owner, warmUp: 0, keepBody: false);
            Console.WriteLine($"  csv: {csvTimes[0] / 1000:F1} s, {csvBytes} bytes");

            var report = new JsonObject
            {
                ["benchmark"] = "history",
                ["command"] = "dotnet run -c Release --project bench/Coffer.Bench -- history",
                ["inputs"] = new JsonObject
                {
                    ["accessLogEvents"] = events,
                    ["fileVersions"] = versions,
                    ["fetchesPerMeasurement"] = fetches,
                    ["warmUpFetches"] = 5,
                    ["seeding"] = "server stopped; versions 2…N inserted into its SQLite database as 'make it current' versions of version 1 (the rows the server itself writes for make-current); access-log rows continue the link's chain (created by the server) with hashes computed as AccessLogHash does — the server's own /log/verify then walks all of them",
                    ["measure"] = "sequential GETs from one HttpClient on loopback, time to the last body byte",
                    ["server"] = "src/Coffer.Server Release build, restarted on the seeded data; settings: " + string.Join(", ", CofferServer.BenchSettings.Select(s => $"{s.Key}={s.Value}")),
                },
                ["seedSeconds"] = new JsonObject { ["versions"] = Stats.Round(versionSeconds, 1), ["accessLog"] = Stats.Round(eventSeconds, 1), ["versionsAdded"] = addedVersions, ["eventsAdded"] = addedEvents },
                ["measurements"] = measurements,
                ["chainVerification"] = new JsonObject { ["seconds"] = Stats.Round(verifyTimes[0] / 1000, 2), ["result"] = verification.DeepClone() },
                ["csvExport"] = new JsonObject { ["seconds"] = Stats.Round(csvTimes[0] / 1000, 2), ["bytes"] = csvBytes },
                ["target"] = new JsonObject { ["pageMs"] = 50 },
                ["loadAverage"] = new JsonObject { ["before"] = loadBefore, ["after"] = MachineInfo.LoadAverage() },
                ["machine"] = MachineInfo.Describe(),
            };
            await ResultFile.WriteAsync(output, report);
            return 0;
        }
        finally
        {
            BenchPaths.DeleteQuietly(work);
        }
    }

    private static async Task<(List<double> TimesMs, long Bytes, string Body)> FetchAsync(HttpClient client, string path, int count, Action<HttpRequestMessage> authorize, int warmUp = 5, bool keepBody = true)
    {
        var times = new List<double>();
        long bytes = 0;
        var body = "";
        for (var i = -warmUp; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            authorize(request);
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var sink = keepBody ? new MemoryStream() : Stream.Null;
            var counter = new CountingCopy();
            bytes = await counter.CopyAsync(stream, sink);
            watch.Stop();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {(sink is MemoryStream m ? System.Text.Encoding.UTF8.GetString(m.ToArray()) : "")}");
            if (i >= 0)
                times.Add(watch.Elapsed.TotalMilliseconds);
            if (sink is MemoryStream memory)
                body = System.Text.Encoding.UTF8.GetString(memory.ToArray());
        }

        return (times, bytes, body);
    }

    private static JsonNode? Items(string body)
    {
        try
        {
            // AccessLogPageDto.entries, VersionListDto.versions (a page), or LinkInfoDto.versions.versions (the first page).
            if (JsonNode.Parse(body) is not JsonObject node)
                return null;
            var list = node["entries"] ?? node["versions"];
            if (list is JsonObject inner)
                list = inner["versions"];
            return list is JsonArray array ? array.Count : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class CountingCopy
    {
        public async Task<long> CopyAsync(Stream source, Stream destination)
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read));
                total += read;
            }

            return total;
        }
    }
}
