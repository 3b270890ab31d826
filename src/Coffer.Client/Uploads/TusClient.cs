using System.Globalization;
using System.Net;
using System.Text;
using Coffer.Client.Http;

namespace Coffer.Client.Uploads;

/// <summary>The tus 1.0 calls Coffer uses (creation, offset, append, termination) against one upload collection.</summary>
public sealed class TusClient(ApiConnection connection, string collectionPath)
{
    public const string Version = "1.0.0";

    /// <summary>Creates an upload of <paramref name="length"/> ciphertext bytes; returns its absolute URL.</summary>
    public async Task<string> CreateAsync(long length, string extension, CancellationToken cancellationToken)
    {
        using var request = connection.Request(HttpMethod.Post, collectionPath);
        request.Headers.Add("Tus-Resumable", Version);
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", "extension " + Convert.ToBase64String(Encoding.UTF8.GetBytes(extension)));
        request.Content = new ByteArrayContent([]);
        using var response = await connection.Http.SendAsync(request, cancellationToken);
        await ApiConnection.EnsureSuccessAsync(response, cancellationToken);
        var location = response.Headers.Location ?? throw new CofferApiException("The server created an upload without a Location.");
        return new Uri(connection.Http.BaseAddress!, location).AbsoluteUri;
    }

    /// <summary>The server's offset, or null when the upload no longer exists (expired, removed, committed).</summary>
    public async Task<long?> GetOffsetAsync(string uploadUrl, CancellationToken cancellationToken)
    {
        using var request = connection.Request(HttpMethod.Head, uploadUrl);
        request.Headers.Add("Tus-Resumable", Version);
        using var response = await connection.Http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            return null;
        await ApiConnection.EnsureSuccessAsync(response, cancellationToken);
        return ReadOffset(response) ?? throw new CofferApiException("The server answered HEAD without Upload-Offset.");
    }

    /// <summary>Appends <paramref name="body"/> at <paramref name="offset"/>; returns the new offset.</summary>
    public async Task<long> PatchAsync(string uploadUrl, long offset, HttpContent body, CancellationToken cancellationToken)
    {
        using var request = connection.Request(HttpMethod.Patch, uploadUrl);
        request.Headers.Add("Tus-Resumable", Version);
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content = body;
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
        using var response = await connection.Http.SendAsync(request, cancellationToken);
        await ApiConnection.EnsureSuccessAsync(response, cancellationToken);
        return ReadOffset(response) ?? throw new CofferApiException("The server answered PATCH without Upload-Offset.");
    }

    public async Task DeleteAsync(string uploadUrl, CancellationToken cancellationToken)
    {
        using var request = connection.Request(HttpMethod.Delete, uploadUrl);
        request.Headers.Add("Tus-Resumable", Version);
        using var response = await connection.Http.SendAsync(request, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Gone))
            await ApiConnection.EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The upload id the commit names: the last path segment of the upload URL.</summary>
    public static string IdOf(string uploadUrl) => new Uri(uploadUrl).Segments[^1].TrimEnd('/');

    private static long? ReadOffset(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Upload-Offset", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : null;
}
