using System.CommandLine;
using System.Globalization;
using Coffer.Cli.Infrastructure;
using Coffer.Client.Http;
using Coffer.Client.Recipients;
using Coffer.Client.Versions;
using Coffer.Crypto.Links;
using Spectre.Console;

namespace Coffer.Cli.Commands;

/// <summary>The recipient's commands on a link URL: <c>open</c>, <c>push</c>, <c>watch</c>, and the link forms of <c>versions</c>, <c>get</c>, <c>restore</c>.</summary>
public static class RecipientCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Open();
        yield return Push();
        yield return Watch();
    }

    public static async Task<int> VersionsAsync(CliEnvironment environment, VersionListing listing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        await WithSessionAsync(environment, listing.Target, async (session, _) =>
        {
            var link = await session.GetAsync(cancellationToken);
            var page = await session.ListVersionPageAsync(link, listing.Before, listing.All ? VersionPages.MaxLimit : listing.Limit, cancellationToken);
            if (listing.All && page.NextBefore is not null)
                page = page with { Versions = await session.ListVersionsAsync(link, cancellationToken), NextBefore = null };
            FileCommands.WriteVersions(environment, page, listing);
        }, cancellationToken);

        return ExitCodes.Ok;
    }

    public static async Task<int> GetAsync(CliEnvironment environment, string url, int? version, string? output, bool force, CancellationToken cancellationToken)
    {
        await WithSessionAsync(environment, url, async (session, _) =>
        {
            var link = await session.GetAsync(cancellationToken);
            var chosen = await session.FindVersionAsync(link, version, cancellationToken)
                ?? throw new CliException(ExitCodes.NotFound, $"Version {version} is not available.");
            var written = await TransferDisplay.RunAsync(environment, "Downloading " + link.Name,
                progress => session.DownloadAsync(chosen.Version.Number, output, force, progress, cancellationToken));
            FileCommands.ReportDownload(environment, written, chosen);
        }, cancellationToken);

        return ExitCodes.Ok;
    }

    public static async Task<int> RestoreAsync(CliEnvironment environment, string url, int number, CancellationToken cancellationToken)
    {
        await WithSessionAsync(environment, url, async (session, _) =>
        {
            var result = await session.MakeCurrentAsync(number, cancellationToken);
            if (environment.Json)
                environment.WriteJson(new { version = result.Version.Number, restoredFrom = result.Version.RestoredFrom });
            else
                environment.Info($"Version {result.Version.Number} now holds the content of version {result.Version.RestoredFrom}.");
        }, cancellationToken);

        return ExitCodes.Ok;
    }

    private static Command Open()
    {
        var url = new Argument<string>("URL") { Description = "The link, as you received it (with the part after #)" };
        var email = new Option<string?>("--email") { Description = "Your email address; a one-time code is mailed to it and read from the terminal. With COFFER_CODE set to a code already mailed, that code is verified and no new one is sent" };
        var command = new Command("open", "Open a link: verify your email with the mailed code and save the link session") { url, email };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var address = CliEnvironment.ParseLink(parse.GetValue(url)!);
            using var http = environment.CreateHttp(address.BaseAddress);
            var session = new RecipientSession(http, address, environment.State);
            // COFFER_CODE holds a code already mailed (a script read it from the mail): verify it without asking for a new one,
            // which would replace it. Without it, a code is mailed and read from the terminal (or one line of stdin).
            var opened = await ForgettingEndedLinkAsync(environment, address.LinkId, () => session.OpenAsync(parse.GetValue(email), _ =>
            {
                environment.Info($"A code was mailed to [bold]{TerminalText.ForMarkup(parse.GetValue(email) ?? "")}[/].");
                return Task.FromResult(Secrets.ReadMailedCode("Code", environment.Err, "(no new code is mailed then)"));
            }, Secrets.MailedCodeFromEnvironment(), cancellationToken));
            var links = new Dictionary<string, LinkLogin>(environment.Config.Links, StringComparer.Ordinal)
            {
                [address.LinkId] = new LinkLogin(address.BaseAddress, opened.Token!, opened.Email, opened.ExpiresAt),
            };
            environment.Config = environment.Config with { Links = links };
            environment.SaveConfig();
            var link = await session.GetAsync(cancellationToken);
            if (environment.Json)
            {
                environment.WriteJson(new { linkId = address.LinkId, name = link.Name, extension = link.Info.Extension, cooperative = link.Info.Cooperative, email = opened.Email, versions = link.Info.Versions.AvailableCount, canDownload = link.Info.CanDownload, canUpload = link.Info.CanUpload });
            }
            else
            {
                environment.Out.MarkupLine($"Opened [bold]{TerminalText.ForMarkup(link.Name)}[/] ({Describe(link.Info)}), {link.Info.Versions.AvailableCount} version(s), as {TerminalText.ForMarkup(opened.Email ?? "anonymous")}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What the link lets its recipient do, from the server's own flags (a policy can disable downloads on any link).</summary>
    private static string Describe(Coffer.Contracts.Links.LinkInfoDto info) => (info.CanDownload, info.CanUpload) switch
    {
        (true, true) => "cooperative link: you can download and push new versions",
        (false, true) => "cooperative link: preview only, no download; you can push new versions",
        (true, false) => "view and download",
        (false, false) => "view only: downloads are disabled",
    };

    private static Command Push()
    {
        var url = new Argument<string>("URL") { Description = "The cooperative link" };
        var file = new Argument<string>("FILE") { Description = "The new version (same format as the link's file)" };
        var command = new Command("push", "Upload a new version through a cooperative link; refused before upload if the format differs; resumes when run again") { url, file };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
                throw new CliException(ExitCodes.NotFound, $"No such file: {parse.GetValue(file)}.");
            await WithSessionAsync(environment, parse.GetValue(url)!, async (session, _) =>
            {
                var result = await TransferDisplay.RunAsync(environment, "Uploading " + Path.GetFileName(path), progress => session.PushAsync(path, progress, cancellationToken));
                var commit = result.Commit;
                if (environment.Json)
                {
                    environment.WriteJson(new { version = commit.Version.Number, basedOn = commit.Version.BasedOn, basedOnLatest = commit.BasedOnLatest, latestBefore = commit.LatestBefore, resumedFrom = result.ResumedFrom });
                }
                else
                {
                    environment.Info($"Uploaded version {commit.Version.Number}.");
                    if (!commit.BasedOnLatest)
                        environment.Info($"[yellow]Note:[/] you started from version {commit.Version.BasedOn}, but version {commit.LatestBefore} was uploaded meanwhile; both are kept.");
                }
            }, cancellationToken);

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Watch()
    {
        var url = new Argument<string>("URL") { Description = "The link to watch" };
        var count = new Option<int?>("--count") { Description = "Exit after this many new versions (default: watch until Ctrl+C)" };
        var command = new Command("watch", "Print new versions as they arrive") { url, count };
        command.SetHandler(async (parse, environment, cancellationToken) =>
        {
            await WithSessionAsync(environment, parse.GetValue(url)!, async (session, http) =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
                var limit = parse.GetValue(count);
                var seen = 0;
                var announced = false;
                void Connected()
                {
                    if (!announced)
                        Console.Error.WriteLine("Watching for new versions (Ctrl+C to stop)…");
                    announced = true;
                }

                await foreach (var added in session.WatchAsync(Connected, cancellationToken))
                {
                    if (environment.Json)
                        environment.WriteJson(added);
                    else
                        environment.Out.MarkupLine($"{Sizes.Time(added.CreatedAt)}  version {added.Number.ToString(CultureInfo.InvariantCulture)} by {TerminalText.ForMarkup(added.Uploader)}{(added.BasedOn is { } b ? $" (based on {b})" : "")}");
                    Console.Out.Flush();
                    if (limit is { } max && ++seen >= max)
                        break;
                }
            }, cancellationToken);

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the link's session; when the server answers that the link is revoked or expired, the
    /// saved session of that link is removed from the config (it can never be used again) before the refusal is reported.
    /// </summary>
    private static async Task WithSessionAsync(CliEnvironment environment, string url, Func<RecipientSession, HttpClient, Task> action, CancellationToken cancellationToken)
    {
        var address = CliEnvironment.ParseLink(url);
        using var http = environment.CreateHttp(address.BaseAddress);
        await ForgettingEndedLinkAsync(environment, address.LinkId, async () =>
        {
            var session = await SessionAsync(environment, address, http, cancellationToken);
            await action(session, http);
            return true;
        });
    }

    private static async Task<T> ForgettingEndedLinkAsync<T>(CliEnvironment environment, string linkId, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (CofferApiException e) when (e.ErrorCode is "link-revoked" or "link-expired")
        {
            Forget(environment, linkId);
            throw;
        }
    }

    private static void Forget(CliEnvironment environment, string linkId)
    {
        if (!environment.Config.Links.ContainsKey(linkId))
            return;
        var links = new Dictionary<string, LinkLogin>(environment.Config.Links, StringComparer.Ordinal);
        links.Remove(linkId);
        environment.Config = environment.Config with { Links = links };
        environment.SaveConfig();
    }

    /// <summary>The link's saved session; a link that needs no email gets one opened on the fly.</summary>
    private static async Task<RecipientSession> SessionAsync(CliEnvironment environment, LinkAddress address, HttpClient http, CancellationToken cancellationToken)
    {
        environment.Config.Links.TryGetValue(address.LinkId, out var saved);
        var session = new RecipientSession(http, address, environment.State, saved?.Token);
        if (saved is not null && saved.ExpiresAt <= TimeProvider.System.GetUtcNow())
        {
            // A session never outlives its link, so its expiry is often the link's own: ask the link's door first, which
            // answers link-expired or link-revoked (a refusal) when the link itself has ended. Only a link that still
            // works gets the advice to open it again; either way the dead session is of no further use.
            await session.Api.GateAsync(cancellationToken);
            Forget(environment, address.LinkId);
            throw new CliException(ExitCodes.Auth, "Your session on this link has ended: run `coffer open URL --email ADDRESS` again.");
        }

        if (saved is null)
        {
            var gate = await session.Api.GateAsync(cancellationToken);
            if (gate.RequireEmail)
                throw new CliException(ExitCodes.Auth, "This link needs your verified email: run `coffer open URL --email ADDRESS` first.");
            await session.OpenAsync(null, _ => Task.FromResult(""), cancellationToken);
        }

        return session;
    }
}
