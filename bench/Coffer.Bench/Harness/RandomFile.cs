using System.Security.Cryptography;

namespace Coffer.Bench.Harness;

/// <summary>Writes a file of random bytes and hashes files.</summary>
internal static class RandomFile
{
    /// <summary>Creates <paramref name="path"/> with <paramref name="length"/> random bytes; returns its SHA-256 (hex).</summary>
    public static async Task<string> CreateAsync(string path, long length)
    {
        const int chunk = 4 << 20;
        var buffer = new byte[chunk];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
        {
            for (long done = 0; done < length; done += chunk)
            {
                var count = (int)Math.Min(chunk, length - done);
                RandomNumberGenerator.Fill(buffer.AsSpan(0, count));
                sha.AppendData(buffer, 0, count);
                await file.WriteAsync(buffer.AsMemory(0, count));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static async Task<string> Sha256Async(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }
}
