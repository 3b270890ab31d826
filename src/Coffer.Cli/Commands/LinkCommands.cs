using System.CommandLine;
using System.Globalization;
using Coffer.Cli.Infrastructure;
using Coffer.Client.Owner;
using Coffer.Contracts.Links;
using Spectre.Console;

namespace Coffer.Cli.Commands;

/// <summary><c>link create|ls|revoke|log</c>: the owner's shared links.</summary>
public static class LinkCommands
{
    public static Command Create()
    {
        var command = new Command("link", "Create, list and revoke shared links; read their access logs");
        command.Subcommands.Add(CreateLink());
        command.Subcommands.Add(ListLinks());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(Log());
        return command;
    }

    /// <summary>
    /// Parses <c>7d</c>, <c>12h</c>, <c>30m</c>, a bare date (<c>2026-12-31</c>: 23:59:59 that day in the local time zone) or a
    /// date and time (ISO 8601, taken as given; local time when it has no offset).
    /// </summary>
    public static DateTimeOffset ParseExpiry(string text, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(time);
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? span = trimmed[^1] switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (span is { } s)
                return time.GetUtcNow() + s;
        }

        // A bare date is a day the link lasts through: its end in the user's time zone, not its first second (which would
        // refuse today's date as already past).
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var endOfDay = day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified);
            return new DateTimeOffset(endOfDay, time.LocalTimeZone.GetUtcOffset(endOfDay)).ToUniversalTime();
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at)
            ? at
            : throw new CliException(ExitCodes.Usage, $"--expires takes a duration (7d, 12h, 30m, 2w), a date (2026-12-31: the end of that day, local time) or a date and time (2026-12-31T18:00, 2026-12-31T18:00Z), not \"{text}\".");
    }

    private static Command CreateLink()
    {
        var file = new Argument<string>("FILE") { Description = "Your file (name, folder/name or id)" };
        var modify = new Option<bool>("--modify") { Description = "A cooperative link: recipients can also upload new versions (access log and email verification always on)" };
        var notify = new Option<bool>("--notify") { Description = "Email me when the link is opened or its content is updated" };
        var expires = new Option<string?>("--expires") { Description = "Expiry: a duration (7d, 12h, 30m, 2w); a date (2026-12-31), meaning the end of that day (23:59:59 your local time); or a date and time (2026-12-31T18:00 local, 2026-12-31T18:00Z), taken as given" };
        var noLog = new Option<bool>("--no-access-log") { Description = "Plain links only: do not keep an access log" };
        var noEmail = new Option<bool>("--no-require-email") { Description = "Plain links only: open without email verification" };
        var disableDownload = new Option<bool>("--disable-download") { Description = "Plain links only: preview only, no download" };
        var watermark = new Option<bool>("--watermark") { Description = "Plain links only: watermark previews" };
        var openLimit = new Option<int?>("--open-limit") { Description = "Plain links only: how many times the link can be opened" };
        var command = new Command("create", "Create a link to one file; prints the full link (its secret is after #: share it privately)")
        {
            file, modify, notify, expires, noLog, noEmail, disableDownload, watermark, openLimit,
        };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var cooperative = parse.GetValue(modify);
            if (cooperative && (parse.GetValue(noLog) || parse.GetValue(noEmail) || parse.GetValue(disableDownload) || parse.GetValue(watermark)))
                throw new CliException(ExitCodes.Usage, "A cooperative link always keeps the access log and verifies emails, and cannot disable downloads or watermark.");
            var session = environment.RequireOwner();
            var target = await FileResolver.ResolveAsync(session, parse.GetValue(file)!, cancellationToken);
            var options = new CreateLinkOptions(
                Modify: cooperative,
                NotifyOwner: parse.GetValue(notify) ? true : null,
                ExpiresAt: parse.GetValue(expires) is { } e ? ParseExpiry(e, TimeProvider.System) : null,
                AccessLog: parse.GetValue(noLog) ? false : null,
                RequireEmail: parse.GetValue(noEmail) ? false : null,
                DisableDownload: parse.GetValue(disableDownload) ? true : null,
                Watermark: parse.GetValue(watermark) ? true : null,
                OpenLimit: parse.GetValue(openLimit));
            var (link, url) = await session.CreateLinkAsync(target.File, options, environment.Config.Owner!.Server, cancellationToken);
            if (environment.Json)
            {
                environment.WriteJson(new { url, link });
            }
            else
            {
                environment.Info($"{(link.Cooperative ? "Cooperative" : "Plain")} link to [bold]{TerminalText.ForMarkup(target.Name)}[/] created{(link.ExpiresAt is { } at ? ", expires " + Sizes.Time(at) : "")}. Share it privately: whoever has it can {(link.Cooperative ? "read and update" : "read")} the file.");
                Console.Out.WriteLine(TerminalText.Safe(url));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListLinks()
    {
        var file = new Option<string?>("--file") { Description = "Only the links of this file" };
        var all = new Option<bool>("--organization") { Description = "Admins: every link of the organization, with its creator" };
        var command = new Command("ls", "List your links; cooperative ones are marked") { file, all };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            Guid? fileId = parse.GetValue(file) is { } f ? (await FileResolver.ResolveAsync(session, f, cancellationToken)).File.Id : null;
            var links = parse.GetValue(all)
                ? await session.Api.ListOrganizationLinksAsync(cancellationToken)
                : await session.Api.ListLinksAsync(fileId, cancellationToken);
            var names = (await session.ListFilesAsync(cancellationToken)).ToDictionary(x => x.File.Id, FileResolver.PathOf);
            if (environment.Json)
            {
                environment.WriteJson(links.Select(l => new { link = l, fileName = names.GetValueOrDefault(l.FileId) }));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Link", "File", "Kind", "Status", "Opens", "Expires", "Created", "By");
            foreach (var l in links)
            {
                table.AddRow(
                    TerminalText.ForMarkup(l.Id),
                    TerminalText.ForMarkup(names.GetValueOrDefault(l.FileId) ?? "(." + l.FileExtension + ")"),
                    l.Cooperative ? "[green]cooperative[/] (can modify)" : "plain (can access)",
                    l.Status == LinkStatuses.Active ? TerminalText.ForMarkup(l.Status) : "[yellow]" + TerminalText.ForMarkup(l.Status) + "[/]",
                    l.OpenLimit is { } limit ? $"{l.OpenCount}/{limit}" : l.OpenCount.ToString(CultureInfo.InvariantCulture),
                    l.ExpiresAt is { } at ? Sizes.Time(at) : "never",
                    Sizes.Time(l.CreatedAt),
                    TerminalText.ForMarkup(l.CreatorEmail));
            }

            environment.Out.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var link = new Argument<string>("LINK") { Description = "The link id (from `coffer link ls`) or the link itself" };
        var command = new Command("revoke", "Revoke a link: its sessions end at once") { link };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            var id = LinkIdOf(parse.GetValue(link)!);
            await session.Api.RevokeLinkAsync(id, cancellationToken);
            environment.Info($"Revoked link {TerminalText.ForMarkup(id)}.");
            if (environment.Json)
                environment.WriteJson(new { linkId = id, revoked = true });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Log()
    {
        var link = new Argument<string>("LINK") { Description = "The link id (from `coffer link ls`) or the link itself" };
        var csv = new Option<bool>("--csv") { Description = "Print the server's CSV export" };
        var verify = new Option<bool>("--verify") { Description = "Check the log's hash chain (exit code 6 when broken)" };
        var command = new Command("log", "Show a link's access log (who opened, downloaded, uploaded, when)") { link, csv, verify };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var session = environment.RequireOwner();
            var id = LinkIdOf(parse.GetValue(link)!);
            if (parse.GetValue(verify))
            {
                var result = await session.VerifyAccessLogAsync(id, cancellationToken);
                if (environment.Json)
                    environment.WriteJson(result);
                else if (result.Intact)
                    environment.Out.MarkupLine($"[green]Intact[/]: {result.Checked} entries chain correctly.");
                else
                    environment.Out.MarkupLine($"[red]Broken[/] at entry {result.FirstBrokenSequence}: {TerminalText.ForMarkup(result.Problem ?? "")}");
                if (!result.Intact)
                    return ExitCodes.Integrity;
                if (!parse.GetValue(csv))
                    return ExitCodes.Ok;
            }

            if (parse.GetValue(csv))
            {
                await using var stdout = Console.OpenStandardOutput();
                await session.Api.CopyAccessLogCsvAsync(id, stdout, cancellationToken);
                return ExitCodes.Ok;
            }

            var entries = await session.Api.GetAccessLogAsync(id, cancellationToken);
            if (environment.Json)
            {
                environment.WriteJson(entries);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("#", "At", "Action", "Who", "Version", "IP", "Detail");
            foreach (var e in entries)
            {
                table.AddRow(
                    e.Sequence.ToString(CultureInfo.InvariantCulture), Sizes.Time(e.At), TerminalText.ForMarkup(e.Action), TerminalText.ForMarkup(e.Actor ?? ""),
                    e.Version?.ToString(CultureInfo.InvariantCulture) ?? "", TerminalText.ForMarkup(e.Ip ?? ""), TerminalText.ForMarkup(e.Detail ?? ""));
            }

            environment.Out.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A link id, or the id of a full link URL (its secret is dropped, never sent).</summary>
    private static string LinkIdOf(string text) =>
        CliEnvironment.LooksLikeLink(text) ? CliEnvironment.ParseLink(text).LinkId : text.Trim();
}
