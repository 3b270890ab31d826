using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Coffer.Contracts.Files;
using Coffer.Server.Features.Files;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Features.Files;

public sealed class VersionTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    [Fact]
    public async Task Commit_AddsTheNextVersion_NamingWhatItWasBasedOn()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client, "docx");
        var content = TestFiles.NewCiphertext(3000);

        var committed = await TestFiles.CommitAsync(owner.Client, file.Id, "DOCX", basedOn: 1, content: content);

        Assert.Equal(2, committed.Version.Number);
        Assert.Equal(1, committed.Version.BasedOn);
        Assert.Equal(1, committed.LatestBefore);
        Assert.True(committed.BasedOnLatest);
        Assert.Equal(owner.Email, committed.Version.Uploader);
        var current = await owner.Client.GetFromJsonAsync<FileDto>($"/api/files/{file.Id}");
        Assert.Equal(committed.Version, current!.CurrentVersion);
        Assert.Equal(content, await owner.Client.GetByteArrayAsync($"/api/files/{file.Id}/versions/2/content"));
    }

    [Theory]
    [InlineData("pdf", "docx")]
    [InlineData("pdf", "")]
    [InlineData("", "txt")]
    public async Task Commit_WithAnotherExtension_Is422(string fileExtension, string versionExtension)
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client, fileExtension);
        var uploadId = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext());

        var response = await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(uploadId, versionExtension, 1));

        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "extension-mismatch");
        // The upload was not consumed: the right extension still commits it.
        var retry = await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(uploadId, fileExtension, 1));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task Commit_WithoutExtension_MatchesAFileWithout()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client, "");
        var committed = await TestFiles.CommitAsync(owner.Client, file.Id, "", basedOn: 1);
        Assert.Equal(2, committed.Version.Number);
    }

    [Fact]
    public async Task Commit_OfAnIncompleteOrForeignOrUsedUpload_IsRefused()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var stranger = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);

        var incomplete = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext(), sendBytes: 10);
        await TestAccounts.AssertProblemAsync(
            await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(incomplete, "pdf", 1)), HttpStatusCode.Conflict, "upload-incomplete");

        var foreign = await TestFiles.UploadAsync(stranger.Client, TestFiles.NewCiphertext());
        await TestAccounts.AssertProblemAsync(
            await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(foreign, "pdf", 1)), HttpStatusCode.NotFound, "upload-not-found");

        var used = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext());
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(used, "pdf", 1))).StatusCode);
        await TestAccounts.AssertProblemAsync(
            await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(used, "pdf", 2)), HttpStatusCode.NotFound, "upload-not-found");

        await TestAccounts.AssertProblemAsync(
            await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext()), "pdf", 9)),
            HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task TwoCommitsAtOnce_BothBecomeVersions_AndTheLaterIsToldItWasBehind()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        var first = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext(100));
        var second = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext(200));

        var responses = await Task.WhenAll(
            owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(first, "pdf", 1)),
            owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(second, "pdf", 1)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var results = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<CommitVersionResponse>()));
        Assert.Equal([2, 3], results.Select(r => r!.Version.Number).Order());
        var later = results.Single(r => r!.Version.Number == 3)!;
        Assert.False(later.BasedOnLatest);
        Assert.Equal(2, later.LatestBefore);
        Assert.True(results.Single(r => r!.Version.Number == 2)!.BasedOnLatest);

        var versions = await owner.Client.GetFromJsonAsync<VersionListDto>($"/api/files/{file.Id}/versions");
        Assert.Equal([3, 2, 1], versions!.Versions.Select(v => v.Number));
    }

    [Fact]
    public async Task MakeCurrent_CreatesANewVersion_ThatReusesTheBlob()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var original = TestFiles.NewCiphertext(700);
        var file = await TestFiles.CreateFileAsync(owner.Client, content: original);
        await TestFiles.CommitAsync(owner.Client, file.Id, basedOn: 1);
        var blobsBefore = CountBlobs();

        var response = await owner.Client.PostAsync($"/api/files/{file.Id}/versions/1/make-current", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var made = (await response.Content.ReadFromJsonAsync<CommitVersionResponse>())!;
        Assert.Equal(3, made.Version.Number);
        Assert.Equal(1, made.Version.RestoredFrom);
        Assert.Equal(file.CurrentVersion.ContentId, made.Version.ContentId);
        Assert.Equal(file.CurrentVersion.WrappedContentKey, made.Version.WrappedContentKey);
        Assert.Equal(file.CurrentVersion.SealedMetadata, made.Version.SealedMetadata);
        Assert.Equal(file.CurrentVersion.CiphertextSha256, made.Version.CiphertextSha256);
        Assert.Equal(blobsBefore, CountBlobs());
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
            var blobIds = await db.Set<FileVersion>().Where(v => v.FileId == file.Id).OrderBy(v => v.Number).Select(v => v.BlobId).ToListAsync();
            Assert.Equal(blobIds[0], blobIds[2]);
            Assert.NotEqual(blobIds[0], blobIds[1]);
        }

        Assert.Equal(original, await owner.Client.GetByteArrayAsync($"/api/files/{file.Id}/versions/3/content"));
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsync($"/api/files/{file.Id}/versions/9/make-current", null), HttpStatusCode.NotFound, "version-not-available");
    }

    [Fact]
    public async Task Content_SupportsRangeAndETag_AndIsPrivate()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var content = TestFiles.NewCiphertext(4000);
        var file = await TestFiles.CreateFileAsync(owner.Client, content: content);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{file.Id}/versions/1/content");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var response = await owner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[100..200], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{file.CurrentVersion.CiphertextSha256}\"", response.Headers.ETag!.Tag);
        Assert.Contains("private", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        await TestAccounts.AssertProblemAsync(await owner.Client.GetAsync($"/api/files/{file.Id}/versions/2/content"), HttpStatusCode.NotFound, "version-not-available");
    }

    [Fact]
    public async Task Versions_CannotBeModifiedOrDeleted_ThroughTheDbContext()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();

        var version = await db.Set<FileVersion>().SingleAsync(v => v.FileId == file.Id);
        version.UploaderEmail = "mallory@example.com";
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.Remove(await db.Set<FileVersion>().SingleAsync(v => v.FileId == file.Id));
        Assert.Throws<AppendOnlyViolationException>(() => db.SaveChanges());
        db.ChangeTracker.Clear();

        Assert.Equal(owner.Email, (await db.Set<FileVersion>().AsNoTracking().SingleAsync(v => v.FileId == file.Id)).UploaderEmail);
    }

    [Fact]
    public void NoRouteUpdatesOrDeletesAVersion()
    {
        var endpoints = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.Contains("/versions", StringComparison.Ordinal) == true);
        var methods = endpoints.SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []);
        Assert.DoesNotContain("DELETE", methods);
        Assert.DoesNotContain("PUT", methods);
        Assert.DoesNotContain("PATCH", methods);
    }

    private int CountBlobs()
    {
        var directory = Path.Combine(factory.DataDirectory, "blobs");
        return Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count() : 0;
    }
}
