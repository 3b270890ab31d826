using System.Text.Json;
using System.Text.Json.Serialization;
using Coffer.Client.State;

namespace Coffer.Cli.Infrastructure;

/// <summary>The owner's saved session: server, account, bearer token and the account key (so commands need no password). Kept 0600.</summary>
public sealed record OwnerLogin(string Server, string Email, Guid AccountId, string Token, string AccountKey, DateTimeOffset ExpiresAt);

/// <summary>A recipient's saved link session (the token and verified email; never the link secret).</summary>
public sealed record LinkLogin(string Server, string Token, string? Email, DateTimeOffset ExpiresAt);

/// <summary>The per-user <c>config.json</c> in the state directory.</summary>
public sealed record CliConfig
{
    public string? Server { get; init; }

    public OwnerLogin? Owner { get; init; }

    public Dictionary<string, LinkLogin> Links { get; init; } = new(StringComparer.Ordinal);

    public static CliConfig Load(StateDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = directory.File("config.json");
        if (!File.Exists(path))
            return new CliConfig();
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), CliJsonContext.Default.CliConfig) ?? new CliConfig();
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Usage, $"{path} is not valid JSON ({e.Message}); fix or delete it.");
        }
    }

    public void Save(StateDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        SecureFile.EnsurePrivateDirectory(directory.Path);
        SecureFile.WriteAllBytes(directory.File("config.json"), JsonSerializer.SerializeToUtf8Bytes(this, CliJsonContext.Default.CliConfig));
    }
}

/// <summary>Source-generated JSON for the CLI's own config.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CliConfig))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
