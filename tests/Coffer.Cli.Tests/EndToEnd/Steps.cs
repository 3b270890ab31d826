using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.EndToEnd;

/// <summary>The user-level steps the end-to-end tests are written in, each one a real <c>coffer</c> process.</summary>
public static class Steps
{
    public static CliUser NewUser(string name) => new($"{name}-{Guid.NewGuid():N}@example.com");

    /// <summary><c>coffer register</c>, typing the code from the dev outbox when it arrives.</summary>
    public static async Task RegisterAsync(ServerProcess server, CliUser user)
    {
        var before = await server.LatestMailIdAsync(user.Email);
        var result = await user.RunAsync(["--server", server.BaseAddress, "register", user.Email], () => server.WaitForCodeAsync(user.Email, before));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary><c>coffer open URL --email</c>, typing the mailed code.</summary>
    public static async Task OpenLinkAsync(ServerProcess server, CliUser recipient, string url)
    {
        var before = await server.LatestMailIdAsync(recipient.Email);
        var result = await recipient.RunAsync(["open", url, "--email", recipient.Email], () => server.WaitForCodeAsync(recipient.Email, before));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public static async Task<CliResult> OkAsync(CliUser user, params string[] args)
    {
        var result = await user.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"coffer {string.Join(' ', args)}\n{result}");
        return result;
    }

    public static async Task<JsonElement> JsonAsync(CliUser user, params string[] args)
    {
        var result = await OkAsync(user, [.. args, "--json"]);
        using var document = JsonDocument.Parse(result.StdOut);
        return document.RootElement.Clone();
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Writes <paramref name="length"/> random bytes to disk in 1 MiB pieces (never whole in memory).</summary>
    public static string RandomFile(string directory, string name, long length)
    {
        var path = Path.Combine(directory, name);
        using var stream = File.Create(path);
        var buffer = new byte[1024 * 1024];
        for (long done = 0; done < length; done += buffer.Length)
        {
            var count = (int)Math.Min(buffer.Length, length - done);
            RandomNumberGenerator.Fill(buffer.AsSpan(0, count));
            stream.Write(buffer, 0, count);
        }

        return path;
    }
}
