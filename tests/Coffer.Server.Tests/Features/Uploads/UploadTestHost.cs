using System.Globalization;
using System.Net.Http.Headers;
using Coffer.Server.Features.Downloads;
using Coffer.Server.Features.Uploads;
using Coffer.Server.Infrastructure.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Features.Uploads;

/// <summary>A real Kestrel server on 127.0.0.1 with only the upload and download endpoints, a temporary data directory and a fake clock; the owner comes from the X-Owner header.</summary>
internal sealed class UploadTestHost : IAsyncDisposable
{
    public const string OwnerHeader = "X-Owner";
    public const string UploadsPath = "/api/uploads";
    public const string LinkUploadsPath = "/api/l/link123/uploads";

    private readonly WebApplication app;
    private readonly bool ownsDirectory;

    private UploadTestHost(WebApplication app, string dataDirectory, FakeTimeProvider time, bool ownsDirectory)
    {
        this.app = app;
        this.ownsDirectory = ownsDirectory;
        DataDirectory = dataDirectory;
        Time = time;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => app.Services;

    public string UploadsDirectory => Path.Combine(DataDirectory, "uploads");

    public static Task<UploadTestHost> StartAsync(bool runCleanupService = false) =>
        StartAsync(NewDataDirectory(), new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero)), ownsDirectory: true, runCleanupService: runCleanupService);

    /// <summary>Starts a server on an existing data directory: the "restart" of a previous host.</summary>
    public static async Task<UploadTestHost> StartAsync(string dataDirectory, FakeTimeProvider time, bool ownsDirectory, long? maxPlaintextBytes = null, Action<IServiceCollection>? configureServices = null, bool runCleanupService = false)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory };
        if (maxPlaintextBytes is { } max)
        {
            settings["Uploads:MaxPlaintextBytes"] = max.ToString(CultureInfo.InvariantCulture);
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddProblemDetails();
        builder.Services.AddUploads(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        if (!runCleanupService)
        {
            // Tests that assert what happens before a sweep call the sweeper themselves.
            builder.Services.RemoveAll<IHostedService>();
        }

        var app = builder.Build();
        app.MapGroup(UploadsPath).MapTusUploads(OwnerFromHeader);
        app.MapGroup(LinkUploadsPath).MapTusUploads(http => http.Request.Headers[OwnerHeader] is { Count: > 0 } owner ? "link:" + owner : null);
        app.MapMethods("/blobs/{blobId}/{sha256}", [HttpMethods.Get, HttpMethods.Head], (string blobId, string sha256) => CiphertextResult.Of(BlobId.Parse(blobId), sha256));
        await app.StartAsync();
        return new UploadTestHost(app, dataDirectory, time, ownsDirectory);
    }

    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "coffer-uploads-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public async Task<string> CreateAsync(long length, string owner = "alice", string? metadata = null, string path = UploadsPath)
    {
        using var response = await Client.SendAsync(Tus(HttpMethod.Post, path, owner, request =>
        {
            request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
            if (metadata is not null)
            {
                request.Headers.Add("Upload-Metadata", metadata);
            }
        }));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public async Task<HttpResponseMessage> PatchAsync(string location, long offset, HttpContent content, string owner = "alice") =>
        await Client.SendAsync(PatchRequest(location, offset, content, owner));

    public Task<HttpResponseMessage> PatchAsync(string location, long offset, byte[] bytes, string owner = "alice") =>
        PatchAsync(location, offset, new ByteArrayContent(bytes), owner);

    public async Task<long> HeadOffsetAsync(string location, string owner = "alice")
    {
        using var response = await Client.SendAsync(Tus(HttpMethod.Head, location, owner));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    public static HttpRequestMessage PatchRequest(string location, long offset, HttpContent content, string owner = "alice")
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(TusApi.OffsetOctetStream);
        return Tus(HttpMethod.Patch, location, owner, request =>
        {
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            request.Content = content;
        });
    }

    public static HttpRequestMessage Tus(HttpMethod method, string path, string? owner = "alice", Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        if (owner is not null)
        {
            request.Headers.Add(OwnerHeader, owner);
        }
        configure?.Invoke(request);
        return request;
    }

    /// <summary>The <c>errorCode</c> of a problem response.</summary>
    public static async Task<string?> ErrorCodeOf(HttpResponseMessage response)
    {
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errorCode").GetString();
    }

    public static string IdOf(string location) => location[(location.LastIndexOf('/') + 1)..];

    public string DataFileOf(string location) => Path.Combine(UploadsDirectory, IdOf(location) + ".bin");

    public string InfoFileOf(string location) => Path.Combine(UploadsDirectory, IdOf(location) + ".json");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsDirectory)
        {
            DeleteDirectory(DataDirectory);
        }
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static string? OwnerFromHeader(HttpContext http) =>
        http.Request.Headers[OwnerHeader] is { Count: > 0 } owner ? owner.ToString() : null;
}
