using System.Text.Json.Nodes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Streams;
using static Coffer.Bench.Vectors.VectorGenerator;

namespace Coffer.Bench.Vectors;

/// <summary>Streams sealed the way a real client does (random key, ids, salt and prefix) for the other implementation to open.</summary>
internal static class InteropFixtures
{
    public static byte[] Plaintext(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 31) + 7)).ToArray();

    public static JsonObject Build()
    {
        var fixtures = new JsonArray();
        foreach (var (segmentSize, length) in new[] { (64, 300), (4096, 20000) })
        {
            var contentKey = KeyDerivation.NewKey();
            var fileId = CofferIds.NewUuid();
            var contentId = CofferIds.NewUuid();
            var plaintext = Plaintext(length);
            using var sealer = StreamSealer.Create(contentKey, fileId, contentId, segmentSize);
            using var output = new MemoryStream();
            sealer.SealAsync(new MemoryStream(plaintext), output).GetAwaiter().GetResult();
            fixtures.Add(new JsonObject
            {
                ["name"] = $"segment-{segmentSize}-plaintext-{length}",
                ["contentKey"] = Hex(contentKey),
                ["fileId"] = fileId,
                ["contentId"] = contentId,
                ["segmentSize"] = segmentSize,
                ["plaintextLength"] = length,
                ["plaintextSha256"] = Sha256Hex(plaintext),
                ["ciphertextSha256"] = Sha256Hex(output.ToArray()),
                ["ciphertext"] = Base64Url.Encode(output.ToArray()),
            });
        }

        return new JsonObject
        {
            ["description"] = "Sealed by Coffer.Crypto (C#) with random salt and nonce prefix. plaintext[i] = (31·i + 7) mod 256; open ciphertext (base64url) and compare SHA-256 of the plaintext. ts-sealed.json has the same shape.",
            ["producer"] = "Coffer.Crypto (C#)",
            ["fixtures"] = fixtures,
        };
    }
}
