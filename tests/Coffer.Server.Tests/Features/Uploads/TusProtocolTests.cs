using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coffer.Server.Features.Uploads;

namespace Coffer.Server.Tests.Features.Uploads;

public sealed class TusProtocolTests : IAsyncLifetime
{
    private UploadTestHost host = null!;

    public async Task InitializeAsync() => host = await UploadTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Options_AdvertisesVersionExtensionsAndMaxSize()
    {
        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, UploadTestHost.UploadsPath));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        Assert.Equal("creation,expiration,termination", response.Headers.GetValues("Tus-Extension").Single());
        Assert.Equal(SealedStreamLength.CiphertextLength(5L * 1024 * 1024 * 1024).ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("Tus-Max-Size").Single());
    }

    [Fact]
    public async Task Create_ReturnsLocationUnderTheGroupAndExpiry()
    {
        var length = SealedStreamLength.CiphertextLength(1000);
        using var response = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Post, UploadTestHost.UploadsPath, configure: r =>
        {
            r.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
            r.Headers.Add("Upload-Metadata", "extension " + Convert.ToBase64String(Encoding.UTF8.GetBytes("pdf")) + ",flag");
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/api/uploads/[0-9a-f]{32}$", location);
        Assert.Equal(host.Time.GetUtcNow().AddHours(24).ToString("r", CultureInfo.InvariantCulture), response.Headers.GetValues("Upload-Expires").Single());

        using var head = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("0", head.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(length.ToString(CultureInfo.InvariantCulture), head.Headers.GetValues("Upload-Length").Single());
        Assert.Equal("extension cGRm,flag", head.Headers.GetValues("Upload-Metadata").Single());
        Assert.Equal("no-store", head.Headers.CacheControl!.ToString());

        var progress = await host.Get<IUploadStore>().GetProgressAsync(UploadTestHost.IdOf(location), "alice", default);
        Assert.NotNull(progress);
        Assert.Equal("pdf", progress.Metadata["extension"]);
        Assert.Equal("", progress.Metadata["flag"]);
        Assert.False(progress.IsComplete);
    }

    [Fact]
    public async Task Create_UnderALinkGroup_ReturnsThatGroupsLocation_AndOwnersAreSeparate()
    {
        var location = await host.CreateAsync(SealedStreamLength.CiphertextLength(10), path: UploadTestHost.LinkUploadsPath);

        Assert.StartsWith(UploadTestHost.LinkUploadsPath + "/", location, StringComparison.Ordinal);
        Assert.Equal(0, await host.HeadOffsetAsync(location));
        using var viaOwnerGroup = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, UploadTestHost.UploadsPath + "/" + UploadTestHost.IdOf(location)));
        Assert.Equal(HttpStatusCode.NotFound, viaOwnerGroup.StatusCode);
    }

    [Fact]
    public async Task Create_WhenPlaintextWouldExceedTheLimit_Returns413AndCreatesNothing()
    {
        var justOver = SealedStreamLength.CiphertextLength((5L * 1024 * 1024 * 1024) + 1);
        using var response = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Post, UploadTestHost.UploadsPath, configure: r =>
            r.Headers.Add("Upload-Length", justOver.ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("upload-too-large", await UploadTestHost.ErrorCodeOf(response));
        Assert.False(Directory.Exists(host.UploadsDirectory) && Directory.EnumerateFileSystemEntries(host.UploadsDirectory).Any());
    }

    [Fact]
    public async Task Create_AtExactlyTheLimit_IsAccepted()
    {
        var location = await host.CreateAsync(SealedStreamLength.CiphertextLength(5L * 1024 * 1024 * 1024));

        Assert.Equal(0, new FileInfo(host.DataFileOf(location)).Length);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("48")]
    [InlineData("63")]
    [InlineData("1048640")] // 48 + 1 MiB + 16: a final segment holding only a tag after a full one
    [InlineData("1048634")] // 48 + 1 MiB + 10: a final segment shorter than a tag
    [InlineData("-5")]
    [InlineData("12abc")]
    [InlineData("")]
    public async Task Create_WithAnImpossibleLength_Returns400(string length)
    {
        using var response = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Post, UploadTestHost.UploadsPath, configure: r =>
            r.Headers.TryAddWithoutValidation("Upload-Length", length)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("upload-length-invalid", await UploadTestHost.ErrorCodeOf(response));
    }

    [Fact]
    public async Task Create_WithMalformedMetadata_Returns400()
    {
        using var response = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Post, UploadTestHost.UploadsPath, configure: r =>
        {
            r.Headers.Add("Upload-Length", "1064");
            r.Headers.Add("Upload-Metadata", "a !!notbase64!!");
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Requests_WithoutOrWithAnotherTusVersion_Return412()
    {
        using var missing = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, UploadTestHost.UploadsPath)
        {
            Headers = { { "Upload-Length", "1064" }, { UploadTestHost.OwnerHeader, "alice" } },
        });
        var location = await host.CreateAsync(1064);
        var wrong = UploadTestHost.PatchRequest(location, 0, new ByteArrayContent(new byte[10]));
        wrong.Headers.Remove("Tus-Resumable");
        wrong.Headers.Add("Tus-Resumable", "0.2.2");
        using var wrongVersion = await host.Client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.PreconditionFailed, missing.StatusCode);
        Assert.Equal("tus-version-unsupported", await UploadTestHost.ErrorCodeOf(missing));
        Assert.Equal("1.0.0", missing.Headers.GetValues("Tus-Version").Single());
        Assert.Equal(HttpStatusCode.PreconditionFailed, wrongVersion.StatusCode);
        Assert.Equal(0, new FileInfo(host.DataFileOf(location)).Length);
    }

    [Fact]
    public async Task Patch_WithTheWrongContentType_Returns415()
    {
        var location = await host.CreateAsync(1064);
        var request = UploadTestHost.PatchRequest(location, 0, new ByteArrayContent(new byte[100]));
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported-media-type", await UploadTestHost.ErrorCodeOf(response));
        Assert.Equal(0, await host.HeadOffsetAsync(location));
    }

    [Fact]
    public async Task Patch_InChunks_AdvancesTheOffset_AndAtTheWrongOffsetReturns409()
    {
        var data = TestData.SealedOfPlaintext(5000);
        var location = await host.CreateAsync(data.Length);

        using var first = await host.PatchAsync(location, 0, data[..2000]);
        using var wrong = await host.PatchAsync(location, 1000, data[1000..3000]);
        var offsetAfterWrong = await host.HeadOffsetAsync(location);
        using var second = await host.PatchAsync(location, 2000, data[2000..]);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal("2000", first.Headers.GetValues("Upload-Offset").Single());
        Assert.True(first.Headers.Contains("Upload-Expires"));
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Equal("upload-offset-mismatch", await UploadTestHost.ErrorCodeOf(wrong));
        Assert.Equal("2000", wrong.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(2000, offsetAfterWrong);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(data.Length, await host.HeadOffsetAsync(location));
        Assert.Equal(data, await File.ReadAllBytesAsync(host.DataFileOf(location)));
    }

    [Fact]
    public async Task Patch_WithADeclaredBodyPastTheLength_Returns413AndStoresNothing()
    {
        var data = TestData.SealedOfPlaintext(1000);
        var location = await host.CreateAsync(data.Length);
        using var first = await host.PatchAsync(location, 0, data[..500]);

        using var response = await host.PatchAsync(location, 500, [.. data[500..], 1, 2, 3]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("upload-exceeds-length", await UploadTestHost.ErrorCodeOf(response));
        Assert.Equal(500, await host.HeadOffsetAsync(location));
        Assert.Equal(500, new FileInfo(host.DataFileOf(location)).Length);
    }

    [Fact]
    public async Task Patch_WithAChunkedBodyPastTheLength_Returns413AndKeepsNoneOfIt()
    {
        var data = TestData.SealedOfPlaintext(3 * 1024 * 1024);
        var location = await host.CreateAsync(data.Length);
        using var first = await host.PatchAsync(location, 0, data[..1000]);
        // No Content-Length: the server only learns of the excess while reading.
        var content = new StreamContent(new UnknownLengthStream([.. data[1000..], 9, 9, 9, 9]));

        using var response = await host.PatchAsync(location, 1000, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(1000, await host.HeadOffsetAsync(location));
        Assert.Equal(data[..1000], await File.ReadAllBytesAsync(host.DataFileOf(location)));
        using var retry = await host.PatchAsync(location, 1000, data[1000..]);
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        var claim = await host.Get<IUploadStore>().TryClaimAsync(UploadTestHost.IdOf(location), "alice", default);
        Assert.Equal(TestData.Sha256(data), claim.Upload!.Sha256);
    }

    [Fact]
    public async Task Patch_ViaMethodOverride_Appends()
    {
        var data = TestData.SealedOfPlaintext(100);
        var location = await host.CreateAsync(data.Length);
        var request = UploadTestHost.PatchRequest(location, 0, new ByteArrayContent(data));
        request.Method = HttpMethod.Post;
        request.Headers.Add("X-HTTP-Method-Override", "PATCH");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(data.Length, await host.HeadOffsetAsync(location));
    }

    [Fact]
    public async Task AnotherOwnersUpload_Is404ForEveryMethod_AndNoOwnerIs401()
    {
        var location = await host.CreateAsync(1064);

        using var head = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, location, "mallory"));
        using var patch = await host.PatchAsync(location, 0, new byte[10], "mallory");
        using var delete = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Delete, location, "mallory"));
        using var anonymous = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, location, owner: null));
        var claim = await host.Get<IUploadStore>().TryClaimAsync(UploadTestHost.IdOf(location), "mallory", default);

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(UploadClaimStatus.NotFound, claim.Status);
        Assert.Equal(0, await host.HeadOffsetAsync(location));
        Assert.True(File.Exists(host.InfoFileOf(location)));
    }

    [Fact]
    public async Task Delete_TerminatesTheUploadAndRemovesItsBytes()
    {
        var data = TestData.SealedOfPlaintext(100);
        var location = await host.CreateAsync(data.Length);
        using var patch = await host.PatchAsync(location, 0, data[..50]);

        using var delete = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Delete, location));
        using var head = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, location));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.False(File.Exists(host.DataFileOf(location)));
        Assert.False(File.Exists(host.InfoFileOf(location)));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("%2E%2E")]
    [InlineData("..%2F..%2Fsentinel")]
    [InlineData("..%5C..%5Csentinel")]
    [InlineData("%2E%2E%2F%2E%2E%2Fsentinel.txt")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("%C3%A9%C3%A9%C3%A9")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task HostileOrUnknownIds_Return404_AndTouchNothingOutside(string id)
    {
        var sentinel = Path.Combine(host.DataDirectory, "sentinel");
        await File.WriteAllTextAsync(sentinel, "keep");
        var path = UploadTestHost.UploadsPath + "/" + id;

        using var head = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, path));
        using var delete = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Delete, path));
        using var patch = await host.PatchAsync(path, 0, new byte[10]);

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.True(File.Exists(sentinel));
        Assert.False(Directory.Exists(host.UploadsDirectory));
    }

    [Fact]
    public async Task VeryLongId_Returns404()
    {
        using var head = await host.Client.SendAsync(UploadTestHost.Tus(HttpMethod.Head, UploadTestHost.UploadsPath + "/" + new string('a', 4000)));

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        var claim = await host.Get<IUploadStore>().TryClaimAsync("../../etc/passwd", "alice", default);
        Assert.Equal(UploadClaimStatus.NotFound, claim.Status);
    }

    [Fact]
    public void ErrorCodes_AreKebabCase_AndCatalogued()
    {
        foreach (var (code, (status, title)) in UploadErrorCodes.Catalogue)
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", code);
            Assert.InRange(status, 400, 499);
            Assert.False(string.IsNullOrWhiteSpace(title));
        }
    }

    /// <summary>A stream that hides its length so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
