using System.CommandLine;
using System.Globalization;
using Coffer.Cli.Infrastructure;
using Coffer.Client.Versions;
using Coffer.Crypto.Streams;
using Spectre.Console;

namespace Coffer.Cli.Commands;

/// <summary>The owner's file commands: <c>mkdir</c>, <c>put</c>, <c>ls</c>; <c>versions</c>, <c>get</c> and <c>restore</c> take a file or a link URL.</summary>
public static class FileCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Mkdir();
        yield return Put();
        yield return List();
        yield return Versions();
        yield return Get();
        yield return Restore();
    }

    private static Command Mkdir()
    {
        var path = new Argument<string>("PATH") { Description = "The folder to create, e.g. Reports or Reports/2026 (its parent must exist, unless --parents)" };
        var parents = new Option<bool>("--parents", "-p") { Description = "Create missing parent folders too; an existing folder is no error" };
        var command = new Command("mkdir", "Create a folder (its name is encrypted)") { path, parents };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            var folder = await session.CreateFolderAsync(parse.GetValue(path)!, parse.GetValue(parents), cancellationToken);
            if (environment.Json)
                environment.WriteJson(new { id = folder.Folder.Id, path = folder.Path });
            else
                environment.Info($"Created folder [bold]{TerminalText.ForMarkup(folder.Path)}[/].");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Put()
    {
        var file = new Argument<string>("FILE") { Description = "The file to upload (a new file, or a new version of the file of the same name in that folder)" };
        var folderOption = new Option<string?>("--folder") { Description = "The folder path to upload into (default: the root)" };
        var command = new Command("put", "Encrypt and upload a file; run it again after an interruption to resume") { file, folderOption };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
                throw new CliException(ExitCodes.NotFound, $"No such file: {parse.GetValue(file)}.");
            var session = environment.RequireOwner();
            Guid? folderId = null;
            if (parse.GetValue(folderOption) is { Length: > 0 } folderPath)
            {
                var folder = await session.FindFolderAsync(folderPath, cancellationToken)
                    ?? throw new CliException(ExitCodes.NotFound, $"No folder \"{folderPath}\" (create it with `coffer mkdir`).");
                folderId = folder.Folder.Id;
            }

            var result = await TransferDisplay.RunAsync(environment, "Uploading " + Path.GetFileName(path), progress => session.PutFileAsync(path, folderId, progress, cancellationToken));
            if (environment.Json)
            {
                environment.WriteJson(new { fileId = result.File.Id, version = result.Version.Number, created = result.CreatedFile, resumedFrom = result.ResumedFrom, ciphertextSha256 = result.Version.CiphertextSha256 });
            }
            else
            {
                environment.Info(result.CreatedFile
                    ? $"Uploaded [bold]{TerminalText.ForMarkup(Path.GetFileName(path))}[/] (file {result.File.Id:D})."
                    : $"Uploaded [bold]{TerminalText.ForMarkup(Path.GetFileName(path))}[/] as version {result.Version.Number}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var folderOption = new Option<string?>("--folder") { Description = "Only the files of this folder" };
        var command = new Command("ls", "List your files and folders (names decrypted locally)") { folderOption };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            var files = await session.ListFilesAsync(cancellationToken);
            var folders = await session.ListFoldersAsync(cancellationToken);
            if (parse.GetValue(folderOption) is { Length: > 0 } folderPath)
            {
                var wanted = folderPath.Trim('/');
                if (wanted.Length > 0 && !folders.Any(f => string.Equals(f.Path, wanted, StringComparison.Ordinal)))
                    throw new CliException(ExitCodes.NotFound, $"No folder \"{folderPath}\" (create it with `coffer mkdir`).");
                files = files.Where(f => f.FolderPath == wanted).ToList();
                folders = folders.Where(f => f.Path.StartsWith(wanted + "/", StringComparison.Ordinal)).ToList();
            }

            if (environment.Json)
            {
                environment.WriteJson(new
                {
                    folders = folders.Select(f => new { id = f.Folder.Id, path = f.Path }),
                    files = files.Select(f => new
                    {
                        id = f.File.Id,
                        name = f.Name,
                        folder = f.FolderPath,
                        extension = f.File.Extension,
                        size = PlaintextSize(f.File.CurrentVersion.CiphertextLength),
                        version = f.File.CurrentVersion.Number,
                        updatedAt = f.File.CurrentVersion.CreatedAt,
                        uploader = f.File.CurrentVersion.Uploader,
                    }),
                });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Name", "Folder", "Size", "Version", "Updated", "By", "Id");
            foreach (var folder in folders)
                table.AddRow(TerminalText.ForMarkup(folder.Name + "/"), TerminalText.ForMarkup(folder.Path), "", "", "", "", folder.Folder.Id.ToString("D")[..8]);
            foreach (var f in files)
            {
                table.AddRow(
                    TerminalText.ForMarkup(f.Name), TerminalText.ForMarkup(f.FolderPath), Sizes.Bytes(PlaintextSize(f.File.CurrentVersion.CiphertextLength)),
                    f.File.CurrentVersion.Number.ToString(CultureInfo.InvariantCulture), Sizes.Time(f.File.CurrentVersion.CreatedAt),
                    TerminalText.ForMarkup(f.File.CurrentVersion.Uploader), f.File.Id.ToString("D")[..8]);
            }

            environment.Out.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Versions()
    {
        var target = new Argument<string>("FILE|URL") { Description = "Your file (name, folder/name or id) or a link URL" };
        var limit = new Option<int?>("--limit") { Description = $"How many versions to show, newest first (default {VersionListing.DefaultLimit}, at most {VersionPages.MaxLimit})" };
        var before = new Option<int?>("--before") { Description = "Show versions older than this number (the next page: the number the previous listing named)" };
        var all = new Option<bool>("--all") { Description = "Show every available version (all pages)" };
        var command = new Command("versions", "List a file's versions, newest first, with who uploaded each (metadata decrypted and checked locally)") { target, limit, before, all };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var text = parse.GetValue(target)!;
            var listing = VersionListing.Of(text, parse.GetValue(limit), parse.GetValue(before), parse.GetValue(all));
            if (CliEnvironment.LooksLikeLink(text))
                return await RecipientCommands.VersionsAsync(environment, listing, cancellationToken);
            var session = environment.RequireOwner();
            var file = await FileResolver.ResolveAsync(session, text, cancellationToken);
            var page = await session.ListVersionPageAsync(file.File, listing.Before, listing.All ? VersionPages.MaxLimit : listing.Limit, cancellationToken);
            if (listing.All && page.NextBefore is not null)
                page = page with { Versions = await session.ListVersionsAsync(file.File, cancellationToken), NextBefore = null };
            WriteVersions(environment, page, listing);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get()
    {
        var target = new Argument<string>("FILE|URL") { Description = "Your file (name, folder/name or id) or a link URL" };
        var version = new Option<int?>("--version") { Description = "The version number (default: the current one)" };
        var output = new Option<string?>("--output", "-o") { Description = "The output file, or a directory to write into (default: the current directory, with the file's name)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing output file" };
        var command = new Command("get", "Download, decrypt and verify a version; an interrupted download resumes") { target, version, output, force };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var text = parse.GetValue(target)!;
            if (CliEnvironment.LooksLikeLink(text))
                return await RecipientCommands.GetAsync(environment, text, parse.GetValue(version), parse.GetValue(output), parse.GetValue(force), cancellationToken);
            var session = environment.RequireOwner();
            var file = await FileResolver.ResolveAsync(session, text, cancellationToken);
            var chosen = await session.FindVersionAsync(file.File, parse.GetValue(version), cancellationToken)
                ?? throw new CliException(ExitCodes.NotFound, $"Version {parse.GetValue(version)} is not available.");
            var written = await TransferDisplay.RunAsync(environment, "Downloading " + file.Name,
                progress => session.DownloadAsync(file.File, chosen, parse.GetValue(output), parse.GetValue(force), progress, cancellationToken));
            ReportDownload(environment, written, chosen);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Restore()
    {
        var target = new Argument<string>("FILE|URL") { Description = "Your file (name, folder/name or id) or a link URL" };
        var number = new Argument<int>("N") { Description = "The version to make current (a new version reusing its content)" };
        var command = new Command("restore", "Make version N current: adds a new version with N's content") { target, number };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var text = parse.GetValue(target)!;
            if (CliEnvironment.LooksLikeLink(text))
                return await RecipientCommands.RestoreAsync(environment, text, parse.GetValue(number), cancellationToken);
            var session = environment.RequireOwner();
            var file = await FileResolver.ResolveAsync(session, text, cancellationToken);
            var result = await session.MakeCurrentAsync(file.File, parse.GetValue(number), cancellationToken);
            if (environment.Json)
                environment.WriteJson(new { version = result.Version.Number, restoredFrom = result.Version.RestoredFrom });
            else
                environment.Info($"Version {result.Version.Number} now holds the content of version {result.Version.RestoredFrom}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Writes a page of versions: with <c>--json</c> one object (<c>versions</c>, <c>latest</c>, <c>availableCount</c>,
    /// <c>hiddenCount</c>, <c>nextBefore</c>); else a table, and on stderr how many older versions there are and how to list them.
    /// </summary>
    public static void WriteVersions(CliEnvironment environment, OpenedVersionPage page, VersionListing listing)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(listing);
        var versions = page.Versions;
        if (environment.Json)
        {
            environment.WriteJson(new
            {
                versions = versions.Select(v => new
                {
                    number = v.Version.Number,
                    name = v.Metadata?.Name,
                    size = v.Metadata?.Size,
                    sha256 = v.Metadata?.Sha256,
                    mediaType = v.Metadata?.MediaType,
                    uploader = v.Version.Uploader,
                    sealedUploader = v.Metadata?.Uploader,
                    createdAt = v.Version.CreatedAt,
                    basedOn = v.Version.BasedOn,
                    restoredFrom = v.Version.RestoredFrom,
                    verified = v.Problem is null && v.UploaderConsistent,
                    problem = v.Problem ?? (v.UploaderConsistent ? null : "the server's uploader differs from the sealed one"),
                }),
                latest = page.Latest,
                availableCount = page.AvailableCount,
                hiddenCount = page.HiddenCount,
                nextBefore = page.NextBefore,
            });
            return;
        }

        var table = new Table().AddColumns("Version", "Name", "Size", "Uploaded by", "At", "Based on", "Note");
        foreach (var v in versions)
        {
            var note = v.Problem is { } problem ? "[red]" + TerminalText.ForMarkup(problem) + "[/]"
                : !v.UploaderConsistent ? "[red]uploader differs from the sealed one[/]"
                : v.Version.RestoredFrom is { } from ? $"restored from {from}" : "";
            table.AddRow(
                v.Version.Number.ToString(CultureInfo.InvariantCulture),
                TerminalText.ForMarkup(v.Metadata?.Name ?? "?"),
                v.Metadata is { } m ? Sizes.Bytes(m.Size) : "?",
                TerminalText.ForMarkup(v.Version.Uploader),
                Sizes.Time(v.Version.CreatedAt),
                v.Version.BasedOn?.ToString(CultureInfo.InvariantCulture) ?? "",
                note);
        }

        environment.Out.Write(table);
        if (page.NextBefore is { } next)
        {
            // Numbers run without gaps, so the older available ones are those from the window's floor up to the cursor.
            var older = next - 1 - (page.Latest - page.AvailableCount);
            environment.Info(string.Create(CultureInfo.InvariantCulture,
                $"Showing {versions.Count} of {page.AvailableCount} available versions; {older} older. Next page: [bold]coffer versions {TerminalText.ForMarkup(Quote(listing.Target))} --before {next}[/], or [bold]--all[/]."));
        }

        if (page.HiddenCount > 0)
            environment.Info(string.Create(CultureInfo.InvariantCulture, $"{page.HiddenCount} older version(s) are kept but hidden by the plan."));
    }

    private static string Quote(string text) => text.Any(char.IsWhiteSpace) || text.Contains('#', StringComparison.Ordinal) ? "\"" + text + "\"" : text;

    public static void ReportDownload(CliEnvironment environment, string written, OpenedVersion version)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(version);
        if (environment.Json)
            environment.WriteJson(new { path = written, version = version.Version.Number, size = version.Metadata?.Size, sha256 = version.Metadata?.Sha256 });
        else
            environment.Info($"Saved version {version.Version.Number} to [bold]{TerminalText.ForMarkup(written)}[/] (SHA-256 verified).");
    }

    private static long PlaintextSize(long ciphertextLength) =>
        SealedStreamFormat.TryGetPlaintextLength(ciphertextLength, SealedStreamFormat.DefaultSegmentSize, out var length) ? length : 0;
}
