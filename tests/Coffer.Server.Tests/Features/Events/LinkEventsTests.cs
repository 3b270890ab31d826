using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coffer.Contracts.Links;
using Coffer.Contracts.Organizations;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Features.Events;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Events;

public sealed class LinkEventsTests(LinkAppFactory factory) : IClassFixture<LinkAppFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void WireFormat_IsIdEventDataAndABlankLine()
    {
        Assert.Equal(
            "id: 42\nevent: version-added\ndata: {\"fileId\":\"x\",\"number\":2}\n\n",
            ServerSentEvents.Format(new ServerEvent(42, LinkEventNames.VersionAdded, "{\"fileId\":\"x\",\"number\":2}")));
        Assert.Equal("id: 1\nevent: e\ndata: a\ndata: b\n\n", ServerSentEvents.Format(new ServerEvent(1, "e", "a\r\nb")));
        Assert.Equal(": heartbeat\n\n", ServerSentEvents.Heartbeat);
    }

    [Fact]
    public async Task Viewer_ReceivesVersionAdded_WhenAnotherRecipientCommits()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var link = await LinkKit.CreateAsync(factory);
        var viewer = await LinkKit.VerifiedRecipientAsync(factory, link);
        var editorEmail = TestAccounts.NewEmail("editor");
        var editor = await LinkKit.VerifiedRecipientAsync(factory, link, editorEmail);
        using var stream = await OpenAsync(viewer, $"/api/l/{link.Id}/events", null, timeout.Token);
        var opening = await stream.Reader.ReadAsync(timeout.Token);
        Assert.Equal(3000, opening!.Retry);

        Assert.Equal(HttpStatusCode.Created, (await LinkKit.CommitThroughLinkAsync(editor, link.Id, 1)).StatusCode);

        var received = await stream.Reader.ReadEventAsync(timeout.Token);
        Assert.Equal(LinkEventNames.VersionAdded, received.Event);
        Assert.NotNull(received.Id);
        var data = JsonSerializer.Deserialize<VersionAddedEvent>(received.Data!, Web)!;
        Assert.Equal(new VersionAddedEvent(link.File.Id, 2, editorEmail, 1, factory.Time.GetUtcNow()), data);
    }

    [Fact]
    public async Task Reconnecting_WithLastEventId_ReplaysTheMissedEvents_AndOwnerStreamsSeeThemToo()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var link = await LinkKit.CreateAsync(factory);
        var editor = await LinkKit.VerifiedRecipientAsync(factory, link);
        using var owner = await OpenAsync(link.Owner.Client, "/api/events", null, timeout.Token);
        await owner.Reader.ReadAsync(timeout.Token);
        long firstId;
        using (var first = await OpenAsync(editor, $"/api/l/{link.Id}/events", null, timeout.Token))
        {
            await first.Reader.ReadAsync(timeout.Token);
            await LinkKit.CommitThroughLinkAsync(editor, link.Id, 1);
            firstId = (await first.Reader.ReadEventAsync(timeout.Token)).Id!.Value;
        }

        await LinkKit.CommitThroughLinkAsync(editor, link.Id, 2);
        await LinkKit.CommitThroughLinkAsync(editor, link.Id, 3);
        using var again = await OpenAsync(editor, $"/api/l/{link.Id}/events", firstId, timeout.Token);

        var replayed = new[] { await again.Reader.ReadEventAsync(timeout.Token), await again.Reader.ReadEventAsync(timeout.Token) };
        Assert.Equal([3, 4], replayed.Select(e => JsonSerializer.Deserialize<VersionAddedEvent>(e.Data!, Web)!.Number));
        Assert.True(replayed[0].Id > firstId && replayed[1].Id > replayed[0].Id);
        var ownerSaw = new[] { await owner.Reader.ReadEventAsync(timeout.Token), await owner.Reader.ReadEventAsync(timeout.Token), await owner.Reader.ReadEventAsync(timeout.Token) };
        Assert.Equal([2, 3, 4], ownerSaw.Select(e => JsonSerializer.Deserialize<VersionAddedEvent>(e.Data!, Web)!.Number));
    }

    [Fact]
    public async Task Stream_SendsHeartbeats_AndEndsAtTheFirstHeartbeatPastExpiry()
    {
        // Nothing announces expiry by time: the heartbeat check is the backstop that ends the stream.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Several intervals ahead: the helper may advance the clock more than once before a slow check reads it.
        var expiresAt = factory.Time.GetUtcNow() + (EventsApi.HeartbeatInterval * 10.5);
        var link = await LinkKit.CreateAsync(factory, change: r => r with { ExpiresAt = expiresAt });
        var viewer = await LinkKit.VerifiedRecipientAsync(factory, link);
        using var stream = await OpenAsync(viewer, $"/api/l/{link.Id}/events", null, timeout.Token);
        await stream.Reader.ReadAsync(timeout.Token);

        var heartbeats = 0;
        while (await NextBlockWhileTimePassesAsync(stream.Reader, timeout.Token) is { } block)
        {
            Assert.Equal(["heartbeat"], block.Comments);
            heartbeats++;
        }

        Assert.True(heartbeats >= 1);
        Assert.True(factory.Time.GetUtcNow() >= expiresAt, "The stream ended before the link expired.");
        await TestAccounts.AssertProblemAsync(await viewer.GetAsync($"/api/l/{link.Id}/events"), HttpStatusCode.Gone, ErrorCodes.LinkExpired);
    }

    [Fact]
    public async Task Stream_EndsAtOnce_WhenTheLinkIsRevoked_WhileOtherStreamsOfTheFileStayOpen()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var link = await LinkKit.CreateAsync(factory);
        var sibling = await SiblingLinkAsync(link, LinkPermissions.Modify);
        var viewer = await LinkKit.VerifiedRecipientAsync(factory, link);
        var siblingViewer = await LinkKit.VerifiedRecipientAsync(factory, sibling);
        var elsewhere = await LinkKit.CreateAsync(factory, owner: link.Owner);
        var elsewhereViewer = await LinkKit.VerifiedRecipientAsync(factory, elsewhere);
        using var stream = await OpenAsync(viewer, $"/api/l/{link.Id}/events", null, timeout.Token);
        using var siblingStream = await OpenAsync(siblingViewer, $"/api/l/{sibling.Id}/events", null, timeout.Token);
        using var elsewhereStream = await OpenAsync(elsewhereViewer, $"/api/l/{elsewhere.Id}/events", null, timeout.Token);
        using var ownerStream = await OpenAsync(link.Owner.Client, $"/api/events?fileId={link.File.Id}", null, timeout.Token);
        foreach (var open in new[] { stream, siblingStream, elsewhereStream, ownerStream })
        {
            await open.Reader.ReadAsync(timeout.Token);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await link.Owner.Client.DeleteAsync($"/api/links/{link.Id}")).StatusCode);

        await AssertEndsWithoutAHeartbeatAsync(stream.Reader);
        await TestAccounts.AssertProblemAsync(await viewer.GetAsync($"/api/l/{link.Id}/events"), HttpStatusCode.Gone, ErrorCodes.LinkRevoked);
        // The streams that were told to check again passed it: a later version still reaches them.
        await TestFiles.CommitAsync(link.Owner.Client, link.File.Id, basedOn: 1);
        await TestFiles.CommitAsync(link.Owner.Client, elsewhere.File.Id, basedOn: 1);
        Assert.Equal(LinkEventNames.VersionAdded, (await siblingStream.Reader.ReadEventAsync(timeout.Token)).Event);
        Assert.Equal(LinkEventNames.VersionAdded, (await ownerStream.Reader.ReadEventAsync(timeout.Token)).Event);
        Assert.Equal(LinkEventNames.VersionAdded, (await elsewhereStream.Reader.ReadEventAsync(timeout.Token)).Event);
    }

    [Fact]
    public async Task Stream_EndsAtOnce_WhenThePolicyDisablesDownloads_ButAPlainLinkOfTheFileStaysOpen()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var admin = await TestAccounts.CreateAsync(factory);
        var open = new OrganizationPolicyDto(AllowCooperativeLinks: true, DisableDownloads: false, null, null);
        await LinkKit.CreateOrganizationAsync(factory, admin, open);
        var cooperative = await LinkKit.CreateAsync(factory, LinkPermissions.Modify, admin);
        var plain = await SiblingLinkAsync(cooperative, LinkPermissions.Access);
        var editor = await LinkKit.VerifiedRecipientAsync(factory, cooperative);
        var reader = await PlainRecipientAsync(plain);
        using var stream = await OpenAsync(editor, $"/api/l/{cooperative.Id}/events", null, timeout.Token);
        using var plainStream = await OpenAsync(reader, $"/api/l/{plain.Id}/events", null, timeout.Token);
        await stream.Reader.ReadAsync(timeout.Token);
        await plainStream.Reader.ReadAsync(timeout.Token);

        await LinkKit.SetPolicyAsync(admin, open with { DisableDownloads = true });

        await AssertEndsWithoutAHeartbeatAsync(stream.Reader);
        await TestAccounts.AssertProblemAsync(await editor.GetAsync($"/api/l/{cooperative.Id}/events"), HttpStatusCode.Forbidden, ErrorCodes.LinkSuspended);
        await TestFiles.CommitAsync(admin.Client, plain.File.Id, basedOn: 1);
        Assert.Equal(LinkEventNames.VersionAdded, (await plainStream.Reader.ReadEventAsync(timeout.Token)).Event);
    }

    [Fact]
    public async Task Stream_EndsAtOnce_WhenItsCreatorJoinsAnOrganizationThatDisablesDownloads()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var admin = await TestAccounts.CreateAsync(factory);
        await LinkKit.CreateOrganizationAsync(factory, admin, new OrganizationPolicyDto(AllowCooperativeLinks: true, DisableDownloads: true, null, null));
        var link = await LinkKit.CreateAsync(factory);
        var editor = await LinkKit.VerifiedRecipientAsync(factory, link);
        using var stream = await OpenAsync(editor, $"/api/l/{link.Id}/events", null, timeout.Token);
        await stream.Reader.ReadAsync(timeout.Token);

        await LinkKit.AddMemberAsync(admin, link.Owner);

        await AssertEndsWithoutAHeartbeatAsync(stream.Reader);
        await TestAccounts.AssertProblemAsync(await editor.GetAsync($"/api/l/{link.Id}/events"), HttpStatusCode.Forbidden, ErrorCodes.LinkSuspended);
    }

    [Fact]
    public async Task Stream_EndsAtOnce_WhenTheFileIsTrashed_WhileTheOwnersStreamStaysOpen()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var link = await LinkKit.CreateAsync(factory);
        var viewer = await LinkKit.VerifiedRecipientAsync(factory, link);
        using var stream = await OpenAsync(viewer, $"/api/l/{link.Id}/events", null, timeout.Token);
        using var ownerStream = await OpenAsync(link.Owner.Client, $"/api/events?fileId={link.File.Id}", null, timeout.Token);
        await stream.Reader.ReadAsync(timeout.Token);
        await ownerStream.Reader.ReadAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, (await link.Owner.Client.PostAsync($"/api/files/{link.File.Id}/trash", null)).StatusCode);

        await AssertEndsWithoutAHeartbeatAsync(stream.Reader);
        await TestAccounts.AssertProblemAsync(await viewer.GetAsync($"/api/l/{link.Id}/events"), HttpStatusCode.NotFound, ErrorCodes.LinkNotFound);
        Assert.Equal(["heartbeat"], (await NextBlockWhileTimePassesAsync(ownerStream.Reader, timeout.Token))!.Comments);
    }

    [Fact]
    public async Task Stream_EndsAtOnce_WhenItsSessionIsClosed_ButAnotherRecipientsStreamStaysOpen()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var link = await LinkKit.CreateAsync(factory);
        var leaving = await LinkKit.VerifiedRecipientAsync(factory, link);
        var staying = await LinkKit.VerifiedRecipientAsync(factory, link);
        using var stream = await OpenAsync(leaving, $"/api/l/{link.Id}/events", null, timeout.Token);
        using var otherStream = await OpenAsync(staying, $"/api/l/{link.Id}/events", null, timeout.Token);
        await stream.Reader.ReadAsync(timeout.Token);
        await otherStream.Reader.ReadAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.NoContent, (await leaving.DeleteAsync($"/api/l/{link.Id}/session")).StatusCode);

        await AssertEndsWithoutAHeartbeatAsync(stream.Reader);
        await TestFiles.CommitAsync(link.Owner.Client, link.File.Id, basedOn: 1);
        Assert.Equal(LinkEventNames.VersionAdded, (await otherStream.Reader.ReadEventAsync(timeout.Token)).Event);
    }

    [Fact]
    public async Task Viewer_ReceivesVersionAdded_WhenTheOwnerCommits()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var link = await LinkKit.CreateAsync(factory);
        var viewer = await LinkKit.VerifiedRecipientAsync(factory, link);
        using var stream = await OpenAsync(viewer, $"/api/l/{link.Id}/events", null, timeout.Token);
        await stream.Reader.ReadAsync(timeout.Token);

        await TestFiles.CommitAsync(link.Owner.Client, link.File.Id, basedOn: 1);

        var data = JsonSerializer.Deserialize<VersionAddedEvent>((await stream.Reader.ReadEventAsync(timeout.Token)).Data!, Web)!;
        Assert.Equal((2, link.Owner.Email), (data.Number, data.Uploader));
    }

    [Fact]
    public async Task Stream_WithoutSession_IsRefused()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);

        var response = await client.GetAsync($"/api/l/{link.Id}/events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>
    /// The stream ends with no further block while the fake clock stands still, so no heartbeat check can have ended it; the
    /// real-time bound is a third of the heartbeat interval.
    /// </summary>
    private async Task AssertEndsWithoutAHeartbeatAsync(SseReader reader)
    {
        var before = factory.Time.GetUtcNow();
        using var bound = new CancellationTokenSource(EventsApi.HeartbeatInterval / 3);
        Assert.Null(await reader.ReadAsync(bound.Token));
        Assert.Equal(before, factory.Time.GetUtcNow());
    }

    /// <summary>A second link of the same owner on the same file.</summary>
    private static async Task<TestLink> SiblingLinkAsync(TestLink link, string permission)
    {
        var token = LinkKit.NewToken();
        var response = await link.Owner.Client.PostAsJsonAsync("/api/links", LinkKit.NewRequest(link.File.Id, permission, token));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return link with { Link = (await response.Content.ReadFromJsonAsync<LinkDto>())!, Token = token };
    }

    /// <summary>A recipient of a plain link that asks no email: a session without verification, as bearer token.</summary>
    private async Task<HttpClient> PlainRecipientAsync(TestLink link)
    {
        var client = LinkKit.Recipient(factory, link);
        var session = await LinkKit.OpenSessionAsync(client, link.Id, null, null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return client;
    }

    /// <summary>Advances the fake clock by a heartbeat interval until the stream yields its next block (or ends).</summary>
    private async Task<SseBlock?> NextBlockWhileTimePassesAsync(SseReader reader, CancellationToken cancellationToken)
    {
        var next = reader.ReadAsync(cancellationToken);
        while (!next.IsCompleted)
        {
            factory.Time.Advance(EventsApi.HeartbeatInterval);
            await Task.WhenAny(next, Task.Delay(50, CancellationToken.None));
        }

        return await next;
    }

    private static async Task<OpenStream> OpenAsync(HttpClient client, string path, long? lastEventId, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ServerSentEvents.ContentType, response.Content.Headers.ContentType!.MediaType);
        return new OpenStream(response, new SseReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
    }

    private sealed record OpenStream(HttpResponseMessage Response, SseReader Reader) : IDisposable
    {
        public void Dispose()
        {
            Reader.Dispose();
            Response.Dispose();
        }
    }
}
