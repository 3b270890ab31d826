using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coffer.Crypto.Streams;

namespace Coffer.Bench.Crypto;

/// <summary>
/// Seal and open of a large stream through Coffer.Crypto, against raw AES-GCM over the same bytes in the same segments, in the same run.
/// Sources and sinks live in memory so the disk is not measured.
/// </summary>
internal static class CryptoBenchmark
{
    private const string FileId = "3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77";
    private const string ContentId = "9b2e4f10-5c3a-4d8e-b1f7-2a6c8e0d4b93";

    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMiB = IntOption(args, "--size-mib", 1024);
        var repetitions = IntOption(args, "--reps", 3);
        var output = StringOption(args, "--output", Path.Combine(RepositoryPaths.Root(), "bench", "results", "crypto.json"));
        const int segmentSize = SealedStreamFormat.DefaultSegmentSize;
        var plaintextLength = (long)sizeMiB << 20;
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var header = SealedStreamHeader.CreateRandom(segmentSize);
        var pattern = RandomNumberGenerator.GetBytes(segmentSize);

        var loadBefore = Harness.MachineInfo.LoadAverage();
        Console.WriteLine($"crypto: {sizeMiB} MiB, segment {segmentSize} B, {repetitions} repetitions, {Environment.ProcessorCount} cores");
        var ciphertext = await SealToMemoryAsync(contentKey, header, pattern, plaintextLength);

        var results = new Dictionary<string, List<double>> { ["rawEncrypt"] = [], ["seal"] = [], ["rawDecrypt"] = [], ["open"] = [] };
        for (var rep = 0; rep < repetitions; rep++)
        {
            // Interleaved so that machine noise hits both sides alike.
            results["rawEncrypt"].Add(Time(() => RawEncrypt(contentKey, header, pattern, plaintextLength)));
            results["seal"].Add(await TimeAsync(() => SealAsync(contentKey, header, pattern, plaintextLength)));
            results["rawDecrypt"].Add(Time(() => RawDecrypt(contentKey, header, ciphertext)));
            results["open"].Add(await TimeAsync(() => OpenAsync(contentKey, ciphertext, plaintextLength)));
            Console.WriteLine($"  rep {rep + 1}: " + string.Join("  ", results.Select(r => $"{r.Key} {Throughput(plaintextLength, r.Value[^1]):F0} MB/s")));
        }

        double Median(string name) => Throughput(plaintextLength, results[name].Order().ElementAt(results[name].Count / 2));
        var sealRatio = Median("seal") / Median("rawEncrypt");
        var openRatio = Median("open") / Median("rawDecrypt");
        Console.WriteLine($"median: seal {Median("seal"):F0} MB/s vs raw {Median("rawEncrypt"):F0} MB/s → {sealRatio:F3}; open {Median("open"):F0} MB/s vs raw {Median("rawDecrypt"):F0} MB/s → {openRatio:F3}");

        var report = new JsonObject
        {
            ["benchmark"] = "crypto",
            ["command"] = "dotnet run -c Release --project bench/Coffer.Bench -- crypto",
            ["inputs"] = new JsonObject
            {
                ["plaintextBytes"] = plaintextLength,
                ["segmentSize"] = segmentSize,
                ["repetitions"] = repetitions,
                ["source"] = "seekable in-memory stream repeating 1 MiB of random bytes (seal); 1 GiB sealed stream held in memory (open)",
                ["sink"] = "a stream that discards its writes",
                ["baseline"] = "one AesGcm instance encrypting/decrypting the same plaintext segments (P = segmentSize − 16) with the same nonces, buffer to buffer, single thread",
                ["unit"] = "MB/s = 10^6 plaintext bytes per second",
            },
            ["runsMBps"] = new JsonObject(results.Select(r => KeyValuePair.Create<string, JsonNode?>(r.Key, new JsonArray(r.Value.Select(s => (JsonNode?)Math.Round(Throughput(plaintextLength, s), 1)).ToArray())))),
            ["medianMBps"] = new JsonObject(results.Keys.Select(k => KeyValuePair.Create<string, JsonNode?>(k, Math.Round(Median(k), 1)))),
            ["ratios"] = new JsonObject
            {
                ["sealVsRawEncrypt"] = Math.Round(sealRatio, 3),
                ["openVsRawDecrypt"] = Math.Round(openRatio, 3),
                ["target"] = 0.90,
                ["perRepetitionSeal"] = new JsonArray(Enumerable.Range(0, repetitions).Select(i => (JsonNode?)Math.Round(results["rawEncrypt"][i] / results["seal"][i], 3)).ToArray()),
                ["perRepetitionOpen"] = new JsonArray(Enumerable.Range(0, repetitions).Select(i => (JsonNode?)Math.Round(results["rawDecrypt"][i] / results["open"][i], 3)).ToArray()),
            },
            ["loadAverage"] = new JsonObject { ["before"] = loadBefore, ["after"] = Harness.MachineInfo.LoadAverage(), ["note"] = "1, 5, 15-minute load averages of the machine; above the core count, other processes competed for the CPU and figures are noisy" },
            ["machine"] = Machine(),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine("wrote " + output);
        return 0;
    }

    private static async Task<byte[]> SealToMemoryAsync(byte[] contentKey, SealedStreamHeader header, byte[] pattern, long plaintextLength)
    {
        var ciphertext = new byte[SealedStreamFormat.CiphertextLength(plaintextLength, header.SegmentSize)];
        using var sealer = new StreamSealer(contentKey, FileId, ContentId, header);
        await sealer.SealAsync(new RepeatingStream(pattern, plaintextLength), new MemoryStream(ciphertext));
        return ciphertext;
    }

    private static async Task SealAsync(byte[] contentKey, SealedStreamHeader header, byte[] pattern, long plaintextLength)
    {
        using var sealer = new StreamSealer(contentKey, FileId, ContentId, header);
        var sink = new DiscardingStream();
        await sealer.SealAsync(new RepeatingStream(pattern, plaintextLength), sink);
        Check(sink.Written == SealedStreamFormat.CiphertextLength(plaintextLength, header.SegmentSize));
    }

    private static async Task OpenAsync(byte[] contentKey, byte[] ciphertext, long plaintextLength)
    {
        using var opener = new StreamOpener(contentKey, FileId, ContentId);
        var sink = new DiscardingStream();
        await opener.OpenAsync(new MemoryStream(ciphertext, writable: false), sink);
        Check(sink.Written == plaintextLength);
    }

    private static void RawEncrypt(byte[] contentKey, SealedStreamHeader header, byte[] pattern, long plaintextLength)
    {
        using var cipher = new SegmentCipher(contentKey, FileId, ContentId, header);
        var p = header.SegmentSize - SealedStreamFormat.TagLength;
        var output = new byte[header.SegmentSize];
        var count = SealedStreamFormat.SegmentCount(plaintextLength, header.SegmentSize);
        for (long i = 0; i < count; i++)
        {
            var length = (int)Math.Min(p, plaintextLength - (i * p));
            cipher.Encrypt(i, i == count - 1, pattern.AsSpan(0, length), output.AsSpan(0, length + SealedStreamFormat.TagLength));
        }
    }

    private static void RawDecrypt(byte[] contentKey, SealedStreamHeader header, byte[] ciphertext)
    {
        using var cipher = new SegmentCipher(contentKey, FileId, ContentId, header);
        var c = header.SegmentSize;
        var output = new byte[c];
        var count = (ciphertext.Length - SealedStreamFormat.HeaderLength + c - 1) / c;
        for (var i = 0; i < count; i++)
        {
            var offset = SealedStreamFormat.HeaderLength + (i * c);
            var length = Math.Min(c, ciphertext.Length - offset);
            Check(cipher.TryDecrypt(i, i == count - 1, ciphertext.AsSpan(offset, length), output));
        }
    }

    private static JsonObject Machine()
    {
        var machine = Harness.MachineInfo.Describe();
        machine["aesHardware"] = System.Runtime.Intrinsics.X86.Aes.IsSupported;
        return machine;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Throughput(long bytes, double seconds) => bytes / seconds / 1e6;

    private static void Check(bool condition)
    {
        if (!condition)
            throw new InvalidOperationException("Benchmark self-check failed.");
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(StringOption(args, name, null), out var value) ? value : fallback;

    private static string StringOption(string[] args, string name, string? fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback!;
    }
}
