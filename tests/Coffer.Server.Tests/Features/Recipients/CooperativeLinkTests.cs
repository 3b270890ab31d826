using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Recipients;

public sealed class CooperativeLinkTests(LinkAppFactory factory) : IClassFixture<LinkAppFactory>
{
    [Fact]
    public async Task Recipient_UploadsANewVersion_RecordedUnderTheVerifiedEmail()
    {
        var link = await LinkKit.CreateAsync(factory);
        var email = TestAccounts.NewEmail("carol");
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link, email);

        var response = await LinkKit.CommitThroughLinkAsync(recipient, link.Id, basedOn: 1);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var committed = (await response.Content.ReadFromJsonAsync<CommitVersionResponse>())!;
        Assert.Equal(2, committed.Version.Number);
        Assert.Equal(email, committed.Version.Uploader);
        Assert.True(committed.BasedOnLatest);
        var owners = await link.Owner.Client.GetFromJsonAsync<VersionListDto>($"/api/files/{link.File.Id}/versions");
        Assert.Equal(email, owners!.Versions[0].Uploader);
    }

    [Fact]
    public async Task TwoRecipients_CommittingOnTheSameVersion_BothGetVersions()
    {
        var link = await LinkKit.CreateAsync(factory);
        var first = await LinkKit.VerifiedRecipientAsync(factory, link);
        var second = await LinkKit.VerifiedRecipientAsync(factory, link);
        var firstUpload = await LinkKit.UploadThroughLinkAsync(first, link.Id);
        var secondUpload = await LinkKit.UploadThroughLinkAsync(second, link.Id);

        var responses = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/l/{link.Id}/versions", TestFiles.NewCommit(firstUpload, "pdf", 1)),
            second.PostAsJsonAsync($"/api/l/{link.Id}/versions", TestFiles.NewCommit(secondUpload, "pdf", 1)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var versions = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<CommitVersionResponse>()));
        Assert.Equal([2, 3], versions.Select(v => v!.Version.Number).Order());
        Assert.Single(versions, v => !v!.BasedOnLatest);
    }

    [Fact]
    public async Task Recipient_CannotCommitAnotherRecipientsUpload_OrAnotherExtension()
    {
        var link = await LinkKit.CreateAsync(factory);
        var first = await LinkKit.VerifiedRecipientAsync(factory, link);
        var second = await LinkKit.VerifiedRecipientAsync(factory, link);
        var firstUpload = await LinkKit.UploadThroughLinkAsync(first, link.Id);

        var stolen = await second.PostAsJsonAsync($"/api/l/{link.Id}/versions", TestFiles.NewCommit(firstUpload, "pdf", 1));
        var wrongExtension = await LinkKit.CommitThroughLinkAsync(first, link.Id, 1, extension: "docx");

        await TestAccounts.AssertProblemAsync(stolen, HttpStatusCode.NotFound, ErrorCodes.UploadNotFound);
        await TestAccounts.AssertProblemAsync(wrongExtension, HttpStatusCode.UnprocessableEntity, ErrorCodes.ExtensionMismatch);
    }

    [Fact]
    public async Task Recipient_MakesAnOlderVersionCurrent()
    {
        var link = await LinkKit.CreateAsync(factory);
        var email = TestAccounts.NewEmail("dave");
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link, email);
        Assert.Equal(HttpStatusCode.Created, (await LinkKit.CommitThroughLinkAsync(recipient, link.Id, 1)).StatusCode);

        var response = await recipient.PostAsync($"/api/l/{link.Id}/versions/1/make-current", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var made = (await response.Content.ReadFromJsonAsync<CommitVersionResponse>())!;
        Assert.Equal(3, made.Version.Number);
        Assert.Equal(1, made.Version.RestoredFrom);
        Assert.Equal(email, made.Version.Uploader);
        Assert.Equal(link.File.CurrentVersion.ContentId, made.Version.ContentId);
        var info = await recipient.GetFromJsonAsync<LinkInfoDto>($"/api/l/{link.Id}");
        Assert.Equal(3, info!.Versions.Latest);
        Assert.True(info.CanUpload);
        Assert.True(info.CanDownload);
    }

    [Fact]
    public async Task NoTokenCodeOrSession_EverReachesTheLogs()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);
        var email = TestAccounts.NewEmail("quiet");
        var code = await LinkKit.RequestCodeAsync(client, link.Id, email);
        var session = await LinkKit.OpenSessionAsync(client, link.Id, email, code);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.Token);
        Assert.Equal(HttpStatusCode.Created, (await LinkKit.CommitThroughLinkAsync(client, link.Id, 1)).StatusCode);

        var logs = string.Join('\n', factory.Logs);

        Assert.DoesNotContain(link.Token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Token!, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkKit.HashOf(link.Token), logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheLinkRoutes()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/l/{linkId}/session\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/links/{id}/log/verify\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recipient_DownloadsWithRange()
    {
        var link = await LinkKit.CreateAsync(factory);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/l/{link.Id}/versions/1/content?purpose=download");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(10, 19);

        var response = await recipient.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(10, (await response.Content.ReadAsByteArrayAsync()).Length);
    }
}
