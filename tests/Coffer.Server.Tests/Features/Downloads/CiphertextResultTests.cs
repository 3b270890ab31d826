using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Coffer.Server.Infrastructure.Blobs;
using Coffer.Server.Tests.Features.Uploads;

namespace Coffer.Server.Tests.Features.Downloads;

public sealed class CiphertextResultTests : IAsyncLifetime
{
    private UploadTestHost host = null!;
    private byte[] data = null!;
    private string url = null!;
    private string etag = null!;

    public async Task InitializeAsync()
    {
        host = await UploadTestHost.StartAsync();
        data = RandomNumberGenerator.GetBytes(1000);
        var source = Path.Combine(host.DataDirectory, "source.bin");
        await File.WriteAllBytesAsync(source, data);
        var blobId = BlobId.New();
        await host.Get<IBlobStore>().ImportFileAsync(blobId, source, default);
        var sha = Convert.ToHexStringLower(SHA256.HashData(data));
        url = $"/blobs/{blobId}/{sha}";
        etag = $"\"{sha}\"";
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Get_ReturnsTheWholeBlobWithCachingAndRangeHeaders()
    {
        using var response = await host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(1000, response.Content.Headers.ContentLength);
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.True(response.Headers.CacheControl.NoTransform);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Head_ReturnsTheHeadersWithoutTheBody()
    {
        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, response.Content.Headers.ContentLength);
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Range_ReturnsPartialContent()
    {
        using var response = await SendAsync(r => r.Headers.Range = new RangeHeaderValue(0, 99));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data[..100], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 0-99/1000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.True(response.Headers.CacheControl!.Private);
    }

    [Fact]
    public async Task SuffixRange_ReturnsTheLastBytes()
    {
        using var response = await SendAsync(r => r.Headers.Range = new RangeHeaderValue(null, 10));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data[^10..], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 990-999/1000", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task OpenEndedRange_FromAnOffset_ResumesADownload()
    {
        using var response = await SendAsync(r => r.Headers.Range = new RangeHeaderValue(600, null));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data[600..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnsatisfiableRange_Returns416WithTheLength()
    {
        using var response = await SendAsync(r => r.Headers.Range = new RangeHeaderValue(1000, 1100));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task IfNoneMatch_WithTheETag_Returns304()
    {
        using var response = await SendAsync(r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag)));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task IfRange_WithTheETag_HonoursTheRange_AndWithAnotherReturnsEverything()
    {
        using var matching = await SendAsync(r =>
        {
            r.Headers.Range = new RangeHeaderValue(10, 19);
            r.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue(etag));
        });
        using var stale = await SendAsync(r =>
        {
            r.Headers.Range = new RangeHeaderValue(10, 19);
            r.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"other\""));
        });

        Assert.Equal(HttpStatusCode.PartialContent, matching.StatusCode);
        Assert.Equal(data[10..20], await matching.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(data, await stale.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task MissingBlob_Returns404Problem()
    {
        using var response = await host.Client.GetAsync($"/blobs/{BlobId.New()}/{new string('0', 64)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("content-missing", await UploadTestHost.ErrorCodeOf(response));
    }

    private async Task<HttpResponseMessage> SendAsync(Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return await host.Client.SendAsync(request);
    }
}
