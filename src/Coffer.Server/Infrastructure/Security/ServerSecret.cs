using System.Security.Cryptography;
using System.Text;
using Coffer.Server.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Security;

/// <summary>The server's own 32-byte secret (HMAC key for fake pre-login salts and code hashes), from configuration or the data directory.</summary>
public sealed class ServerSecret
{
    public const string ConfigurationKey = "Security:ServerSecret";
    public const string FileName = "server-secret";

    private readonly byte[] _key;

    public ServerSecret(IConfiguration configuration, IOptions<StorageOptions> storage, IHostEnvironment environment)
    {
        var configured = configuration[ConfigurationKey];
        _key = string.IsNullOrWhiteSpace(configured)
            ? LoadOrCreate(Path.Combine(storage.Value.ResolveDataDirectory(environment.ContentRootPath), FileName))
            : Parse(configured);
    }

    /// <summary>HMAC-SHA256 of a labelled value under the server secret.</summary>
    public byte[] Mac(string label, string value) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{label}|{value}"));

    private static byte[] Parse(string configured)
    {
        try
        {
            var key = Base64Url.Decode(configured);
            if (key.Length == 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new OptionsValidationException(ConfigurationKey, typeof(ServerSecret),
            [$"{ConfigurationKey} must be 32 bytes in base64url (43 characters), or unset to keep a generated one in the data directory."]);
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Parse(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(Base64Url.Encode(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return Parse(File.ReadAllText(path).Trim());
        }
    }
}
