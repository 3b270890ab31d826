using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Coffer.Contracts.Files;
using Coffer.Server.Features.Uploads;
using Coffer.Server.Infrastructure.Security;

namespace Coffer.Server.Tests.TestHost;

/// <summary>Uploads through the real tus endpoints and creates files and versions over HTTP.</summary>
public static class TestFiles
{
    public static string NewSealedBox(int plaintextLength = 24)
    {
        var bytes = RandomNumberGenerator.GetBytes(29 + plaintextLength);
        bytes[0] = 1;
        return Base64Url.Encode(bytes);
    }

    public static byte[] NewCiphertext(long plaintextLength = 1000) =>
        RandomNumberGenerator.GetBytes(checked((int)SealedStreamLength.CiphertextLength(plaintextLength)));

    /// <summary>Creates an upload and sends <paramref name="sendBytes"/> of <paramref name="content"/> (all by default); returns the upload id.</summary>
    public static async Task<string> UploadAsync(HttpClient client, byte[] content, string? extension = null, int? sendBytes = null)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", content.Length.ToString(CultureInfo.InvariantCulture));
        if (extension is not null)
        {
            create.Headers.Add("Upload-Metadata", "extension " + Convert.ToBase64String(Encoding.UTF8.GetBytes(extension)));
        }

        var created = await client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        var uploadId = location.OriginalString.TrimEnd('/').Split('/')[^1];

        var count = sendBytes ?? content.Length;
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/uploads/{uploadId}")
        {
            Content = new ByteArrayContent(content, 0, count),
        };
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var patched = await client.SendAsync(patch);
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        return uploadId;
    }

    public static NewVersionContent NewContent(string uploadId) =>
        new(uploadId, Guid.NewGuid(), NewWrappedKey(), NewSealedBox(200));

    public static CreateFileRequest NewFile(string uploadId, string extension = "pdf", Guid? folderId = null) =>
        new(Guid.NewGuid(), folderId, extension, NewSealedBox(), NewWrappedKey(), NewContent(uploadId));

    public static async Task<FileDto> CreateFileAsync(HttpClient client, string extension = "pdf", byte[]? content = null, Guid? folderId = null)
    {
        var uploadId = await UploadAsync(client, content ?? NewCiphertext());
        var response = await client.PostAsJsonAsync("/api/files", NewFile(uploadId, extension, folderId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FileDto>())!;
    }

    public static CommitVersionRequest NewCommit(string uploadId, string extension, int? basedOn) =>
        new(uploadId, Guid.NewGuid(), extension, NewWrappedKey(), NewSealedBox(200), basedOn);

    public static async Task<CommitVersionResponse> CommitAsync(HttpClient client, Guid fileId, string extension = "pdf", int? basedOn = null, byte[]? content = null)
    {
        var uploadId = await UploadAsync(client, content ?? NewCiphertext());
        var response = await client.PostAsJsonAsync($"/api/files/{fileId}/versions", NewCommit(uploadId, extension, basedOn));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CommitVersionResponse>())!;
    }

    private static string NewWrappedKey() => TestAccounts.NewWrappedKey();
}
