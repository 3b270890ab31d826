using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Coffer.Client.Http;

/// <summary>One server and one set of credentials: sends JSON requests, turns problems into <see cref="CofferApiException"/>.</summary>
public sealed class ApiConnection
{
    private readonly Action<HttpRequestMessage> authorize;

    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the server's origin (with a trailing slash).</param>
    /// <param name="authorize">Adds the credentials (bearer token, link token …) to every request.</param>
    public ApiConnection(HttpClient http, Action<HttpRequestMessage>? authorize = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        Http = http;
        this.authorize = authorize ?? (_ => { });
    }

    public HttpClient Http { get; }

    /// <summary>Builds a request with the credentials already applied.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var uri = path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? new Uri(path, UriKind.Absolute)
            : new Uri(path.TrimStart('/'), UriKind.Relative);
        var request = new HttpRequestMessage(method, uri);
        authorize(request);
        return request;
    }

    public async Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        return await ReadAsync(request, responseType, cancellationToken);
    }

    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        request.Content = JsonContent.Create(body, requestType);
        return await ReadAsync(request, responseType, cancellationToken);
    }

    /// <summary>Sends and expects no body back (202, 204 …).</summary>
    public async Task SendAsync<TRequest>(HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        request.Content = JsonContent.Create(body, requestType);
        using var response = await Http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Sends a request without a body and expects no body back.</summary>
    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        using var response = await Http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Sends a request without a body and reads a JSON answer.</summary>
    public async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        return await ReadAsync(request, responseType, cancellationToken);
    }

    public async Task<TResponse> ReadAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await Http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(responseType, cancellationToken)
            ?? throw new CofferApiException("The server answered an empty body where JSON was expected.");
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
            throw await ProblemReader.ReadAsync(response, cancellationToken);
    }
}
