using System.Text.Json;
using Coffer.Server.Features.Uploads;

namespace Coffer.Server.Tests.Features.Uploads;

public sealed class SealedStreamLengthTests
{
    [Fact]
    public void SharedLengthVectors_AllAgree()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(FindVectors("lengths.json")));

        foreach (var row in vectors.RootElement.GetProperty("valid").EnumerateArray())
        {
            var segmentSize = row.GetProperty("segmentSize").GetInt32();
            var plaintext = row.GetProperty("plaintextLength").GetInt64();
            var ciphertext = row.GetProperty("ciphertextLength").GetInt64();
            Assert.Equal(ciphertext, SealedStreamLength.CiphertextLength(plaintext, segmentSize));
            Assert.True(SealedStreamLength.TryGetPlaintextLength(ciphertext, out var inverted, segmentSize));
            Assert.Equal(plaintext, inverted);
        }
        foreach (var row in vectors.RootElement.GetProperty("invalid").EnumerateArray())
        {
            Assert.False(SealedStreamLength.TryGetPlaintextLength(row.GetProperty("ciphertextLength").GetInt64(), out _, row.GetProperty("segmentSize").GetInt32()));
        }
    }

    [Fact]
    public void EveryCiphertextLengthUpToThreeSegments_IsValidExactlyWhenSomePlaintextSealsToIt()
    {
        const int segmentSize = 64;
        var produced = new HashSet<long>();
        for (long plaintext = 0; plaintext <= 3 * 48; plaintext++)
        {
            produced.Add(SealedStreamLength.CiphertextLength(plaintext, segmentSize));
        }
        for (long ciphertext = 0; ciphertext <= SealedStreamLength.CiphertextLength(3 * 48, segmentSize); ciphertext++)
        {
            Assert.Equal(produced.Contains(ciphertext), SealedStreamLength.TryGetPlaintextLength(ciphertext, out _, segmentSize));
        }
    }

    [Fact]
    public void DefaultLimit_FiveGibibytes_HasTheExpectedCiphertextLength()
    {
        const long limit = 5L * 1024 * 1024 * 1024;
        var segments = (limit + 1_048_560 - 1) / 1_048_560;

        Assert.Equal(48 + limit + (16 * segments), new UploadsOptions().MaxCiphertextBytes());
    }

    private static string FindVectors(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "test-vectors", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        // The temporary build copy lives outside the tree; fall back to the working tree.
        return Path.Combine("/work/main/test-vectors", name);
    }
}
