using System.Buffers;
using System.Globalization;
using System.Net;
using Coffer.Bench.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Bench.Ceiling;

/// <summary>
/// The machine's ceiling for moving plain bytes over HTTP to and from disk: a bare Kestrel app (no crypto, no database).
/// <c>PUT /files/{name}</c> streams the body to a file with overlapped 1 MiB writes (<c>?fsync=true</c> flushes to the disk
/// before answering); <c>GET /files/{name}</c> streams a file back with overlapped 1 MiB reads.
/// </summary>
internal static class CeilingServer
{
    private const int ChunkSize = 1 << 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        var port = options.Int("--port", 0);
        var directory = Path.GetFullPath(options.String("--dir") ?? throw new ArgumentException("--dir is required"));
        Directory.CreateDirectory(directory);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapPut("/files/{name}", (string name, bool? fsync, HttpContext http) => ReceiveAsync(FilePath(directory, name), fsync == true, http));
        app.MapGet("/files/{name}", (string name, HttpContext http) => SendAsync(FilePath(directory, name), http));
        app.MapDelete("/files/{name}", (string name) =>
        {
            File.Delete(FilePath(directory, name));
            return Results.NoContent();
        });
        await app.RunAsync();
        return 0;
    }

    private static string FilePath(string directory, string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && !name.StartsWith('.')
            ? Path.Combine(directory, name)
            : throw new BadHttpRequestException("bad name");

    /// <summary>Reads the next 1 MiB from the socket while the previous one is being written.</summary>
    private static async Task<IResult> ReceiveAsync(string path, bool fsync, HttpContext http)
    {
        var body = http.Request.Body;
        var buffers = new[] { ArrayPool<byte>.Shared.Rent(ChunkSize), ArrayPool<byte>.Shared.Rent(ChunkSize) };
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
            long offset = 0;
            var pending = Task.CompletedTask;
            for (var turn = 0; ; turn ^= 1)
            {
                var buffer = buffers[turn];
                var filled = 0;
                while (filled < ChunkSize)
                {
                    var read = await body.ReadAsync(buffer.AsMemory(filled, ChunkSize - filled));
                    if (read == 0)
                        break;
                    filled += read;
                }

                await pending;
                if (filled == 0)
                    break;
                pending = RandomAccess.WriteAsync(handle, buffer.AsMemory(0, filled), offset).AsTask();
                offset += filled;
                if (filled < ChunkSize)
                {
                    await pending;
                    break;
                }
            }

            if (fsync)
                RandomAccess.FlushToDisk(handle);
            return Results.Text(offset.ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    /// <summary>Reads the next 1 MiB from the file while the previous one is being sent.</summary>
    private static async Task SendAsync(string path, HttpContext http)
    {
        if (!File.Exists(path))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var length = RandomAccess.GetLength(handle);
        http.Response.ContentType = "application/octet-stream";
        http.Response.ContentLength = length;
        var buffers = new[] { ArrayPool<byte>.Shared.Rent(ChunkSize), ArrayPool<byte>.Shared.Rent(ChunkSize) };
        try
        {
            long offset = 0;
            var turn = 0;
            var read = RandomAccess.ReadAsync(handle, buffers[turn].AsMemory(0, ChunkSize), offset).AsTask();
            while (true)
            {
                var count = await read;
                if (count == 0)
                    break;
                var current = buffers[turn];
                offset += count;
                turn ^= 1;
                read = offset < length ? RandomAccess.ReadAsync(handle, buffers[turn].AsMemory(0, ChunkSize), offset).AsTask() : Task.FromResult(0);
                await http.Response.Body.WriteAsync(current.AsMemory(0, count));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }
}
