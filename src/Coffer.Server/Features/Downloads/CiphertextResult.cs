using System.Reflection;
using Coffer.Server.Features.Uploads;
using Coffer.Server.Infrastructure.Blobs;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Coffer.Server.Features.Downloads;

/// <summary>
/// Streams a stored ciphertext blob: single HTTP Range (206, 416), If-Range, a strong ETag with If-None-Match (304),
/// <c>Accept-Ranges: bytes</c>, <c>Cache-Control: private, no-transform</c>, <c>application/octet-stream</c>; 404 problem when the blob is missing.
/// </summary>
/// <remarks>Range and precondition handling is ASP.NET Core's own (<c>TypedResults.Stream</c> with range processing), verified by tests.</remarks>
public sealed class CiphertextResult : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "application/octet-stream";
    public const string CacheControl = "private, no-transform";

    private CiphertextResult(BlobId blobId, EntityTagHeaderValue entityTag)
    {
        BlobId = blobId;
        EntityTag = entityTag;
    }

    public BlobId BlobId { get; }

    public EntityTagHeaderValue EntityTag { get; }

    /// <summary>The ETag is the ciphertext's SHA-256 (hex), so versions sharing a blob share it and it changes whenever the bytes do.</summary>
    public static CiphertextResult Of(BlobId blobId, ReadOnlySpan<byte> ciphertextSha256) =>
        new(blobId, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(ciphertextSha256)}\""));

    /// <summary>Same as <see cref="Of(BlobId, ReadOnlySpan{byte})"/> with the hash as stored (hex).</summary>
    public static CiphertextResult Of(BlobId blobId, string ciphertextSha256Hex) =>
        Of(blobId, Convert.FromHexString(ciphertextSha256Hex));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var blobs = httpContext.RequestServices.GetRequiredService<IBlobStore>();
        var stream = await blobs.OpenReadAsync(BlobId, httpContext.RequestAborted);
        if (stream is null)
        {
            await UploadProblems.Of(UploadErrorCodes.ContentMissing, "The stored content of this version is missing.").ExecuteAsync(httpContext);
            return;
        }
        httpContext.Response.Headers.CacheControl = CacheControl;
        // The stream result disposes the stream.
        await TypedResults.Stream(stream, ContentType, fileDownloadName: null, lastModified: null, entityTag: EntityTag, enableRangeProcessing: true)
            .ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), [ContentType]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status206PartialContent, typeof(Stream), [ContentType]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status416RangeNotSatisfiable, typeof(void), []));
    }
}
