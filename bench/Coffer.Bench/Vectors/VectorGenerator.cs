using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Links;
using Coffer.Crypto.Metadata;
using Coffer.Crypto.Streams;

namespace Coffer.Bench.Vectors;

/// <summary>Writes the known-answer files in test-vectors/ from fixed inputs; the committed files, not this program, are the contract.</summary>
internal static class VectorGenerator
{
    public const string FileId = "3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77";
    public const string ContentId = "9b2e4f10-5c3a-4d8e-b1f7-2a6c8e0d4b93";
    public const string FolderId = "c0ffee00-1234-4abc-8def-0123456789ab";

    // Relaxed escaping keeps the files readable; they are read by JSON parsers, never compared as bytes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string[] args)
    {
        var dir = Path.Combine(RepositoryPaths.Root(), "test-vectors");
        Directory.CreateDirectory(dir);
        await WriteAsync(Path.Combine(dir, "stream.json"), StreamVectors.Build());
        await WriteAsync(Path.Combine(dir, "negative.json"), NegativeVectors.Build());
        await WriteAsync(Path.Combine(dir, "lengths.json"), Lengths());
        await WriteAsync(Path.Combine(dir, "boxes.json"), BoxVectors.Build());
        await WriteAsync(Path.Combine(dir, "account.json"), Account());
        await WriteAsync(Path.Combine(dir, "link.json"), Link());
        if (args.Contains("--interop"))
        {
            Directory.CreateDirectory(Path.Combine(dir, "interop"));
            await WriteAsync(Path.Combine(dir, "interop", "cs-sealed.json"), InteropFixtures.Build());
        }

        Console.WriteLine("wrote " + dir);
        return 0;
    }

    public static byte[] Pattern(int start, int length) => Enumerable.Range(start, length).Select(i => (byte)i).ToArray();

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static async Task WriteAsync(string path, JsonObject root)
    {
        await File.WriteAllTextAsync(path, root.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        Console.WriteLine("  " + path);
    }

    private static JsonObject Lengths()
    {
        var rows = new JsonArray();
        void Add(int segmentSize, long plaintextLength) => rows.Add(new JsonObject
        {
            ["segmentSize"] = segmentSize,
            ["plaintextLength"] = plaintextLength,
            ["segmentCount"] = SealedStreamFormat.SegmentCount(plaintextLength, segmentSize),
            ["ciphertextLength"] = SealedStreamFormat.CiphertextLength(plaintextLength, segmentSize),
        });
        foreach (var l in new long[] { 0, 1, 47, 48, 49, 95, 96, 97, 161 })
            Add(64, l);
        foreach (var l in new long[] { 0, 1, 4079, 4080, 4081, 20000 })
            Add(4096, l);
        const int p = SealedStreamFormat.DefaultSegmentSize - SealedStreamFormat.TagLength;
        foreach (var l in new long[] { 0, 1, p - 1, p, p + 1, 2L * p, 1L << 30, 5L << 30, (5L << 30) + 1 })
            Add(SealedStreamFormat.DefaultSegmentSize, l);
        Add(SealedStreamFormat.MaxSegmentSize, 1L << 32);

        var invalid = new JsonArray();
        void Invalid(int segmentSize, long ciphertextLength, string why)
        {
            if (SealedStreamFormat.TryGetPlaintextLength(ciphertextLength, segmentSize, out _))
                throw new InvalidOperationException($"{ciphertextLength} is valid");
            invalid.Add(new JsonObject { ["segmentSize"] = segmentSize, ["ciphertextLength"] = ciphertextLength, ["why"] = why });
        }

        Invalid(64, 0, "shorter than the header");
        Invalid(64, 48, "header only");
        Invalid(64, 63, "segment shorter than a tag");
        Invalid(64, 48 + 64 + 16, "an empty final segment after a full one");
        Invalid(64, 48 + 64 + 15, "a final segment shorter than a tag");
        Invalid(SealedStreamFormat.DefaultSegmentSize, 48 + SealedStreamFormat.DefaultSegmentSize + 16, "an empty final segment after a full one");
        Invalid(63, 200, "segment size below the minimum");

        return new JsonObject
        {
            ["description"] = "CRYPTO.md §6.4: ciphertextLength(L) = 48 + L + 16·n, n = max(1, ceil(L / (segmentSize − 16))). Every valid row must also invert; every invalid ciphertext length must be refused by the inverse.",
            ["valid"] = rows,
            ["invalid"] = invalid,
        };
    }

    private static JsonObject Account()
    {
        var cases = new JsonArray();
        void Add(string name, string password, byte[] salt, byte[] accountKey, byte[] nonce)
        {
            var kdf = new KdfParameters(KdfParameters.Pbkdf2Sha256, 1000, Base64Url.Encode(salt));
            var mk = AccountKeys.DeriveMasterKey(password, kdf, minimumIterations: 1);
            var ek = AccountKeys.DeriveEncryptionKey(mk);
            var authKey = AccountKeys.DeriveAuthKey(mk);
            var wrapped = Box.SealWithNonce(ek, accountKey, Labels.AccountKeyWrap, nonce);
            cases.Add(new JsonObject
            {
                ["name"] = name,
                ["password"] = password,
                ["passwordNfcUtf8"] = Hex(AccountKeys.PasswordBytes(password)),
                ["kdf"] = new JsonObject { ["algorithm"] = kdf.Algorithm, ["iterations"] = kdf.Iterations, ["salt"] = kdf.Salt },
                ["masterKey"] = Hex(mk),
                ["authKey"] = Hex(authKey),
                ["authKeyBase64Url"] = Base64Url.Encode(authKey),
                ["encryptionKey"] = Hex(ek),
                ["accountKey"] = Hex(accountKey),
                ["accountKeyLabel"] = Labels.AccountKeyWrap,
                ["nonce"] = Hex(nonce),
                ["wrappedAccountKey"] = Base64Url.Encode(wrapped),
            });
        }

        Add("ascii", "correct horse battery staple", Pattern(0x10, 16), Pattern(0x60, 32), Pattern(0xe0, 12));
        // Typed as decomposed (NFD) characters: implementations must normalise to NFC before encoding.
        Add("nfd-password", "Cafe\u0301 pa\u0308sswo\u0308rd \u2615", Pattern(0x30, 16), Pattern(0x70, 32), Pattern(0xe1, 12));
        return new JsonObject
        {
            ["description"] = "CRYPTO.md §3. MK = PBKDF2-HMAC-SHA256(utf8(NFC(password)), base64url-decoded kdf.salt, kdf.iterations, 32); AuthKey/EK = HKDF(MK, empty salt, label, 32); wrappedAccountKey = box(EK, accountKey, accountKeyLabel) with the given nonce.",
            ["testOnly"] = true,
            ["testOnlyReason"] = "1000 iterations; real accounts require at least 600000",
            ["cases"] = cases,
        };
    }

    private static JsonObject Link()
    {
        var cases = new JsonArray();
        void Add(string name, string baseAddress, byte[] linkIdBytes, byte[] secret, byte[] fileKey, byte[] nonce)
        {
            var linkId = Base64Url.Encode(linkIdBytes);
            var wrapKey = LinkKeys.DeriveWrapKey(secret, linkId);
            var token = LinkKeys.DeriveAuthToken(secret, linkId);
            cases.Add(new JsonObject
            {
                ["name"] = name,
                ["secret"] = Hex(secret),
                ["secretBase64Url"] = Base64Url.Encode(secret),
                ["linkId"] = linkId,
                ["fileId"] = FileId,
                ["baseAddress"] = baseAddress,
                ["url"] = LinkUrl.Build(baseAddress, linkId, secret),
                ["wrapKey"] = Hex(wrapKey),
                ["authToken"] = Hex(token),
                ["authTokenBase64Url"] = Base64Url.Encode(token),
                ["authTokenSha256"] = Hex(LinkKeys.HashAuthToken(token)),
                ["fileKey"] = Hex(fileKey),
                ["fileKeyLabel"] = Labels.LinkFileKeyWrap(linkId, FileId),
                ["nonce"] = Hex(nonce),
                ["wrappedFileKey"] = Base64Url.Encode(Box.SealWithNonce(wrapKey, fileKey, Labels.LinkFileKeyWrap(linkId, FileId), nonce)),
            });
        }

        Add("root", "https://coffer.example", Pattern(0x10, 16), Pattern(0xc0, 32), Pattern(0x40, 32), Pattern(0xd0, 12));
        Add("path-base", "https://example.org/coffer", [0xfb, 0xff, 0xbf, 0x3e, 0x00, 0x01, 0x02, 0x03, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff], Pattern(0x80, 32), Pattern(0x40, 32), Pattern(0xd1, 12));
        return new JsonObject
        {
            ["description"] = "CRYPTO.md §7. wrapKey/authToken = HKDF(secret, utf8(linkId), label, 32); authTokenSha256 = SHA-256(authToken); url = baseAddress + \"/l/\" + linkId + \"#\" + base64url(secret); wrappedFileKey = box(wrapKey, fileKey, fileKeyLabel) with the given nonce.",
            ["cases"] = cases,
        };
    }

    internal static string Utf8Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    internal static string Sha256Hex(ReadOnlySpan<byte> bytes) => Hex(SHA256.HashData(bytes));

    internal static VersionMetadata SampleMetadata(int? basedOn) => new(
        Name: "Quarterly \"report\"\t— é 📄.pdf",
        Size: 183744,
        Sha256: Sha256Hex("plaintext"u8),
        MediaType: "application/pdf",
        Modified: new DateTimeOffset(2026, 12, 3, 16, 28, 52, 123, TimeSpan.Zero),
        Uploader: "alice@example.com",
        CiphertextSha256: Sha256Hex("ciphertext"u8),
        BasedOn: basedOn);
}
