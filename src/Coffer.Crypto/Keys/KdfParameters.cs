using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Coffer.Crypto.Codecs;

namespace Coffer.Crypto.Keys;

/// <summary>The per-account KDF parameter record of CRYPTO.md §3, stored on the server as JSON.</summary>
public sealed record KdfParameters(
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("iterations")] int Iterations,
    [property: JsonPropertyName("salt")] string Salt)
{
    public const string Pbkdf2Sha256 = "pbkdf2-sha256";
    public const int MinimumIterations = 600_000;
    public const int SaltLength = 16;

    /// <summary>Fresh parameters for a new account: PBKDF2-SHA256, 600 000 iterations, a random 16-byte salt.</summary>
    public static KdfParameters CreateNew() =>
        new(Pbkdf2Sha256, MinimumIterations, Base64Url.Encode(RandomNumberGenerator.GetBytes(SaltLength)));
}
