using Coffer.Cli.Infrastructure;
using Coffer.Client.Owner;

namespace Coffer.Cli.Commands;

/// <summary>Finds the owner's file a command names: by id (or an 8+ character id prefix), by <c>folder/name</c>, or by a unique name.</summary>
public static class FileResolver
{
    public static async Task<OwnedFile> ResolveAsync(OwnerSession session, string text, CancellationToken cancellationToken)
    {
        var files = await session.ListFilesAsync(cancellationToken);
        var trimmed = text.Trim().Trim('/');
        var matches = files.Where(f => f.File.Id.ToString("D") == trimmed).ToList();
        if (matches.Count == 0)
            matches = files.Where(f => PathOf(f) == trimmed).ToList();
        if (matches.Count == 0)
            matches = files.Where(f => f.Name == trimmed).ToList();
        if (matches.Count == 0 && trimmed.Length >= 8)
            matches = files.Where(f => f.File.Id.ToString("D").StartsWith(trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CliException(ExitCodes.NotFound, $"No file named \"{text}\" (see `coffer ls`)."),
            _ => throw new CliException(ExitCodes.Usage, $"\"{text}\" names {matches.Count} files: use the folder path or the id ({string.Join(", ", matches.Select(m => m.File.Id.ToString("D")[..8]))})."),
        };
    }

    public static string PathOf(OwnedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.FolderPath.Length == 0 ? file.Name : file.FolderPath + "/" + file.Name;
    }
}
