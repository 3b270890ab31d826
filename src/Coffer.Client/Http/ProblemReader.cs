using System.Net;
using System.Text.Json;

namespace Coffer.Client.Http;

/// <summary>Turns a failed response into a <see cref="CofferApiException"/>, reading the problem body when there is one.</summary>
public static class ProblemReader
{
    public static async Task<CofferApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? errorCode = null, title = null, detail = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (body.Length > 0 && body.Length < 64 * 1024 && body[0] == (byte)'{')
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                errorCode = Text(root, "errorCode") ?? Text(root, "code");
                title = Text(root, "title");
                detail = Text(root, "detail");
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page, say): the status alone must do.
        }

        return new CofferApiException(response.StatusCode, errorCode ?? CodeFor(response.StatusCode), title ?? response.ReasonPhrase, detail);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string CodeFor(HttpStatusCode status) => (int)status switch
    {
        400 => "invalid-request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not-found",
        409 => "conflict",
        413 => "payload-too-large",
        429 => "rate-limited",
        >= 500 => "internal-error",
        _ => "http-" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
