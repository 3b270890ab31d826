using System.Security.Cryptography;
using Coffer.Server.Features.Uploads;

namespace Coffer.Server.Tests.Features.Uploads;

/// <summary>Random ciphertext-shaped test bytes of a valid sealed-stream length.</summary>
internal static class TestData
{
    public static byte[] SealedOfPlaintext(long plaintextLength) =>
        RandomNumberGenerator.GetBytes(checked((int)SealedStreamLength.CiphertextLength(plaintextLength)));

    public static byte[] Sha256(byte[] data) => SHA256.HashData(data);
}
