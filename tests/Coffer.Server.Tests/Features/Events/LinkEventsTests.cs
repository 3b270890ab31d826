using System.Net;
using System.Text.Json;
using Coffer.Contracts.Links;
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
    public async Task Stream_SendsHeartbeats_AndEndsWhenTheLinkIsRevoked()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var link = await LinkKit.CreateAsync(factory);
        var viewer = await LinkKit.VerifiedRecipientAsync(factory, link);
        using var stream = await OpenAsync(viewer, $"/api/l/{link.Id}/events", null, timeout.Token);
        await stream.Reader.ReadAsync(timeout.Token);

        var heartbeat = await NextBlockWhileTimePassesAsync(stream.Reader, timeout.Token);
        Assert.Equal(["heartbeat"], heartbeat!.Comments);

        await link.Owner.Client.DeleteAsync($"/api/links/{link.Id}");

        Assert.Null(await NextBlockWhileTimePassesAsync(stream.Reader, timeout.Token));
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
