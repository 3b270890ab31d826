using System.Globalization;
using System.Text.Json.Nodes;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.EndToEnd;

/// <summary>Link expiry as a recipient and an owner meet it on the command line: the expired link, the ended session, <c>--expires</c> dates.</summary>
[Collection(CofferServerCollection.Name)]
public sealed class LinkExpiryTests(ServerProcess server)
{
    // The server is a separate process on the real clock, so the link really has to run out: these tests read that clock too.
    private static readonly TimeProvider Clock = TimeProvider.System;

    private const string Expired = "This link has expired; ask its owner for a new one. (link-expired)";

    [Fact]
    public async Task ExpiredLink_GetVersionsAndWatch_SayTheLinkExpired_AsARefusal_AndForgetItsSession()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        await Steps.RegisterAsync(server, owner);
        var pdf = Path.Combine(owner.WorkDirectory, "expiring.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf);
        // A full date-time is taken as given; the link lives just long enough to be opened.
        var requested = Clock.GetUtcNow().AddSeconds(20);
        var created = await Steps.JsonAsync(owner, "link", "create", "expiring.pdf", "--modify",
            "--expires", requested.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var url = created.GetProperty("url").GetString()!;
        var linkId = created.GetProperty("link").GetProperty("id").GetString()!;
        var expiresAt = created.GetProperty("link").GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(requested.ToUnixTimeSeconds(), expiresAt.ToUnixTimeSeconds());
        await Steps.OpenLinkAsync(server, recipient, url);
        // The saved session ends with the link: this is the case where the local check used to answer "session ended".
        Assert.Equal(expiresAt, SavedSession(recipient, linkId)!["expiresAt"]!.GetValue<DateTimeOffset>());

        var wait = expiresAt - Clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);

        var get = await recipient.RunAsync("get", url, "-o", Path.Combine(recipient.WorkDirectory, "out") + "/");
        Assert.True(get.ExitCode == 7, get.ToString());
        Assert.Contains(Expired, get.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("coffer open", get.StdErr, StringComparison.Ordinal);
        Assert.Null(SavedSession(recipient, linkId));

        foreach (var args in new[] { new[] { "versions", url }, ["watch", url, "--count", "1"], ["open", url, "--email", recipient.Email] })
        {
            var result = await recipient.RunAsync(args);
            Assert.True(result.ExitCode == 7, $"coffer {string.Join(' ', args)}\n{result}");
            Assert.Contains(Expired, result.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SessionEnded_WhileTheLinkStillWorks_AsksToOpenAgain_AndOpeningAgainWorks()
    {
        using var owner = Steps.NewUser("owner");
        using var recipient = Steps.NewUser("recipient");
        await Steps.RegisterAsync(server, owner);
        var pdf = Path.Combine(owner.WorkDirectory, "lasting.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf);
        var created = await Steps.JsonAsync(owner, "link", "create", "lasting.pdf", "--modify", "--expires", "7d");
        var url = created.GetProperty("url").GetString()!;
        var linkId = created.GetProperty("link").GetProperty("id").GetString()!;
        await Steps.OpenLinkAsync(server, recipient, url);

        // The session ran out on its own (as after Recipients:SessionLifetime) while the link is valid for days.
        var configPath = ConfigPath(recipient);
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["links"]![linkId]!["expiresAt"] = Clock.GetUtcNow().AddMinutes(-1);
        File.WriteAllText(configPath, config.ToJsonString());

        var versions = await recipient.RunAsync("versions", url);
        Assert.True(versions.ExitCode == 2, versions.ToString());
        Assert.Contains("Your session on this link has ended: run `coffer open URL --email ADDRESS` again.", versions.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("expired", versions.StdErr, StringComparison.Ordinal);

        await Steps.OpenLinkAsync(server, recipient, url);
        var listed = await Steps.JsonAsync(recipient, "versions", url);
        Assert.Equal(1, listed.GetProperty("latest").GetInt32());
    }

    [Fact]
    public async Task ExpiresOnABareDate_Today_LastsToTheEndOfTheLocalDay()
    {
        // A zone far from UTC and without daylight saving, so the end of the local day is not the end of the UTC day.
        const string zoneId = "Etc/GMT+10";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        using var owner = Steps.NewUser("owner");
        owner.Environment["TZ"] = zoneId;
        await Steps.RegisterAsync(server, owner);
        var pdf = Path.Combine(owner.WorkDirectory, "today.pdf");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), pdf);
        await Steps.OkAsync(owner, "put", pdf);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).DateTime);
        var created = await Steps.JsonAsync(owner, "link", "create", "today.pdf", "--modify",
            "--expires", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var endOfDay = new DateTimeOffset(today.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(-10));
        Assert.Equal(endOfDay, created.GetProperty("link").GetProperty("expiresAt").GetDateTimeOffset());

        var help = await Steps.OkAsync(owner, "link", "create", "--help");
        Assert.Contains("end of that day", help.StdOut, StringComparison.Ordinal);
    }

    private static string ConfigPath(CliUser user) => Path.Combine(user.ConfigDirectory, "config", "config.json");

    private static JsonNode? SavedSession(CliUser user, string linkId) =>
        JsonNode.Parse(File.ReadAllText(ConfigPath(user)))!["links"]?[linkId];
}
