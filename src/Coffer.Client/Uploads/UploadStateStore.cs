using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coffer.Client.State;

namespace Coffer.Client.Uploads;

/// <summary>Keeps <see cref="UploadState"/> files under the state directory's <c>uploads/</c>, one per (scope, file path).</summary>
public sealed class UploadStateStore(StateDirectory directory)
{
    public UploadState? Find(string scope, string filePath)
    {
        var path = PathOf(scope, filePath);
        if (!File.Exists(path))
            return null;
        try
        {
            var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), ClientJsonContext.Default.UploadState);
            return state is not null && state.Scope == scope && state.FilePath == Path.GetFullPath(filePath) ? state : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Save(UploadState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        SecureFile.EnsurePrivateDirectory(directory.Path);
        SecureFile.WriteAllBytes(PathOf(state.Scope, state.FilePath), JsonSerializer.SerializeToUtf8Bytes(state, ClientJsonContext.Default.UploadState));
    }

    public void Delete(string scope, string filePath)
    {
        var path = PathOf(scope, filePath);
        if (File.Exists(path))
            File.Delete(path);
    }

    /// <summary>Every saved state, for listing unfinished uploads.</summary>
    public IReadOnlyList<UploadState> All()
    {
        if (!Directory.Exists(directory.UploadsPath))
            return [];
        var states = new List<UploadState>();
        foreach (var file in Directory.EnumerateFiles(directory.UploadsPath, "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllBytes(file), ClientJsonContext.Default.UploadState) is { } state)
                    states.Add(state);
            }
            catch (JsonException)
            {
                // A damaged state file only costs a fresh upload.
            }
        }

        return states;
    }

    private string PathOf(string scope, string filePath)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + Path.GetFullPath(filePath)));
        return Path.Combine(directory.UploadsPath, Convert.ToHexStringLower(key)[..32] + ".json");
    }
}
