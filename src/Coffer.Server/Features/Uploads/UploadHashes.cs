using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Server.Infrastructure.Blobs;

namespace Coffer.Server.Features.Uploads;

/// <summary>Running SHA-256 of each upload's received prefix, kept in memory between PATCHes.</summary>
/// <remarks>
/// .NET cannot persist a hash state, so after a restart (or a failed write) the state is rebuilt by hashing the
/// prefix already on disk once; afterwards every PATCH only hashes its own bytes.
/// </remarks>
internal sealed class UploadHashes
{
    private const int ReadBufferSize = 1 << 20;
    private readonly ConcurrentDictionary<BlobId, State> states = new();

    /// <summary>The hash of exactly the first <paramref name="offset"/> bytes of <paramref name="dataPath"/>.</summary>
    public async Task<State> GetAsync(BlobId id, string dataPath, long offset, CancellationToken cancellationToken)
    {
        if (states.TryGetValue(id, out var cached) && cached.Length == offset)
        {
            return cached;
        }
        Forget(id);
        var state = new State(IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
        if (offset > 0)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
            try
            {
                await using var file = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
                while (state.Length < offset)
                {
                    var want = (int)Math.Min(buffer.Length, offset - state.Length);
                    var read = await file.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                    if (read == 0)
                    {
                        throw new IOException($"Upload data ended at {state.Length} bytes, expected {offset}.");
                    }
                    state.Append(buffer.AsSpan(0, read));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        states[id] = state;
        return state;
    }

    public void Forget(BlobId id)
    {
        if (states.TryRemove(id, out var state))
        {
            state.Dispose();
        }
    }

    /// <summary>A running hash and how many bytes it has seen.</summary>
    internal sealed class State(IncrementalHash hash) : IDisposable
    {
        public long Length { get; private set; }

        public void Append(ReadOnlySpan<byte> data)
        {
            hash.AppendData(data);
            Length += data.Length;
        }

        public byte[] Current() => hash.GetCurrentHash();

        public void Dispose() => hash.Dispose();
    }
}
