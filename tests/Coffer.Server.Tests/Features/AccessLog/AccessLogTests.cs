using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Features.AccessLog;

public sealed class AccessLogTests(LinkAppFactory factory) : IClassFixture<LinkAppFactory>
{
    [Fact]
    public async Task CooperativeFlow_IsLoggedEventByEvent_WithTheVerifiedEmail_AndTheChainIsIntact()
    {
        var (link, email) = await BusyLinkAsync();

        var page = await link.Owner.Client.GetFromJsonAsync<AccessLogPageDto>($"/api/links/{link.Id}/log");

        Assert.Equal(
            [
                AccessLogActions.Created, AccessLogActions.VerificationSent, AccessLogActions.Verified, AccessLogActions.Opened,
                AccessLogActions.Previewed, AccessLogActions.Downloaded, AccessLogActions.VersionUploaded, AccessLogActions.MadeCurrent,
                AccessLogActions.OptionsChanged, AccessLogActions.Revoked,
            ],
            page!.Entries.Select(e => e.Action));
        Assert.Equal(link.Owner.Email, page.Entries[0].Actor);
        Assert.All(page.Entries.Skip(1).Take(7), e => Assert.Equal(email, e.Actor));
        Assert.Equal(2, page.Entries.Single(e => e.Action == AccessLogActions.VersionUploaded).Version);
        Assert.Equal("curl/8 (test)", page.Entries.Single(e => e.Action == AccessLogActions.Downloaded).UserAgent);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), page.Entries.Select(e => e.Sequence));
        Assert.All(page.Entries.Skip(1).Zip(page.Entries), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        var verification = await link.Owner.Client.GetFromJsonAsync<AccessLogVerificationDto>($"/api/links/{link.Id}/log/verify");
        Assert.Equal(new AccessLogVerificationDto(true, 10, null, null, page.Entries[^1].Hash), verification);
    }

    [Fact]
    public async Task ConcurrentEvents_StillFormOneUnforkedChain()
    {
        var link = await LinkKit.CreateAsync(factory);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => recipient.GetAsync($"/api/l/{link.Id}/versions/1/content?purpose=preview")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var verification = await link.Owner.Client.GetFromJsonAsync<AccessLogVerificationDto>($"/api/links/{link.Id}/log/verify");
        Assert.True(verification!.Intact);
        Assert.Equal(4 + 20, verification.Checked); // created, code sent, verified, opened, then the previews
    }

    [Fact]
    public async Task TamperingWithOneRow_ThroughTheDatabase_IsDetectedByTheChainCheck()
    {
        var (link, _) = await BusyLinkAsync();

        await ExecuteRawAsync("UPDATE AccessLog SET Actor = 'mallory@example.com' WHERE LinkId = $link AND Sequence = 5", link.Id);

        var verification = await link.Owner.Client.GetFromJsonAsync<AccessLogVerificationDto>($"/api/links/{link.Id}/log/verify");
        Assert.False(verification!.Intact);
        Assert.Equal(5, verification.FirstBrokenSequence);
        Assert.Equal(4, verification.Checked);
    }

    [Fact]
    public async Task DeletingARow_ThroughTheDatabase_IsDetectedByTheChainCheck()
    {
        var (link, _) = await BusyLinkAsync();

        await ExecuteRawAsync("DELETE FROM AccessLog WHERE LinkId = $link AND Sequence = 3", link.Id);

        var verification = await link.Owner.Client.GetFromJsonAsync<AccessLogVerificationDto>($"/api/links/{link.Id}/log/verify");
        Assert.False(verification!.Intact);
        Assert.Equal(3, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task AccessLogRows_CannotBeChangedThroughTheDataLayer()
    {
        var (link, _) = await BusyLinkAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
        var row = await db.Set<AccessLogEntry>().FirstAsync(e => e.LinkId == link.Id);

        row.Actor = "mallory@example.com";

        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Remove(await db.Set<AccessLogEntry>().FirstAsync(e => e.LinkId == link.Id));
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task CsvExport_HasHeaderAndOneRowPerEvent_AndDefusesFormulas()
    {
        var link = await LinkKit.CreateAsync(factory);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);
        recipient.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "=HYPERLINK(\"http://evil\",\"x\")");
        await recipient.GetAsync($"/api/l/{link.Id}/versions/1/content?purpose=preview");

        var response = await link.Owner.Client.GetAsync($"/api/links/{link.Id}/log.csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,linkId,fileId,action,actor,version,ip,userAgent,detail,previousHash,hash", lines[0]);
        Assert.Equal(6, lines.Length);
        // A random link id may start with '-', which the export defuses like any other cell.
        Assert.StartsWith($"1,2026-12-03T12:00:00.000Z,{AccessLogCsv.Cell(link.Id)},{link.File.Id},created,{link.Owner.Email},", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",", lines[5], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(null, "")]
    public void CsvCell_EscapesAndDefuses(string? value, string expected) => Assert.Equal(expected, AccessLogCsv.Cell(value));

    [Fact]
    public async Task LogPages_FollowNextAfter_AndStrangersSeeNothing()
    {
        var (link, _) = await BusyLinkAsync();

        var first = await link.Owner.Client.GetFromJsonAsync<AccessLogPageDto>($"/api/links/{link.Id}/log?limit=4");
        var second = await link.Owner.Client.GetFromJsonAsync<AccessLogPageDto>($"/api/links/{link.Id}/log?limit=4&after={first!.NextAfter}");
        var last = await link.Owner.Client.GetFromJsonAsync<AccessLogPageDto>($"/api/links/{link.Id}/log?limit=4&after={second!.NextAfter}");

        Assert.Equal(4, first.NextAfter);
        Assert.Equal([5L, 6, 7, 8], second.Entries.Select(e => e.Sequence));
        Assert.Null(last!.NextAfter);
        var stranger = await TestAccounts.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/links/{link.Id}/log")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/links/{link.Id}/log.csv")).StatusCode);
    }

    [Fact]
    public async Task PlainLinkWithAccessLogOff_RecordsNoRecipientEvents()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access, change: r => r with { AccessLog = false, RequireEmail = true });
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);
        await recipient.GetAsync($"/api/l/{link.Id}/versions/1/content?purpose=download");

        var page = await link.Owner.Client.GetFromJsonAsync<AccessLogPageDto>($"/api/links/{link.Id}/log");

        Assert.Equal([AccessLogActions.Created], page!.Entries.Select(e => e.Action));
    }

    /// <summary>A cooperative link with ten events: created, code sent, verified, opened, previewed, downloaded, uploaded, made current, options changed, revoked.</summary>
    private async Task<(TestLink Link, string Email)> BusyLinkAsync()
    {
        var link = await LinkKit.CreateAsync(factory);
        var email = TestAccounts.NewEmail("eve");
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link, email);
        recipient.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "curl/8 (test)");
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync($"/api/l/{link.Id}/versions/1/content?purpose=preview")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync($"/api/l/{link.Id}/versions/1/content?purpose=download")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await LinkKit.CommitThroughLinkAsync(recipient, link.Id, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await recipient.PostAsync($"/api/l/{link.Id}/versions/1/make-current", null)).StatusCode);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/links/{link.Id}") { Content = JsonContent.Create(new UpdateLinkRequest(NotifyOwner: true)) };
        patch.Headers.TryAddWithoutValidation("If-Match", $"\"{link.Link.Revision}\"");
        Assert.Equal(HttpStatusCode.OK, (await link.Owner.Client.SendAsync(patch)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await link.Owner.Client.DeleteAsync($"/api/links/{link.Id}")).StatusCode);
        return (link, email);
    }

    /// <summary>Runs SQL on the server's database file through a connection of its own, as an intruder with file access would.</summary>
    private async Task ExecuteRawAsync(string sql, string linkId)
    {
        var path = Path.Combine(factory.DataDirectory, DataServices.DatabaseFileName);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$link", linkId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
