using System.Globalization;
using Coffer.Server.Infrastructure.Blobs;
using Microsoft.AspNetCore.Http.Features;

namespace Coffer.Server.Features.Uploads;

/// <summary>The tus 1.0.0 endpoints (core, creation, expiration, termination), mapped under any route group with a caller-chosen owner.</summary>
public static class TusApi
{
    public const string TusVersion = "1.0.0";
    public const string TusExtensions = "creation,expiration,termination";
    public const string OffsetOctetStream = "application/offset+octet-stream";

    /// <summary>
    /// Maps OPTIONS/POST on the group and HEAD/PATCH/DELETE on <c>{uploadId}</c>. <paramref name="ownerOf"/> names the
    /// owner of the request (an account id, a link recipient …); null answers 401. Another owner's upload is 404.
    /// OPTIONS is exempt from the group's authorization policies (not from its endpoint filters).
    /// </summary>
    public static RouteGroupBuilder MapTusUploads(this RouteGroupBuilder group, Func<HttpContext, string?> ownerOf)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        var tus = group.MapGroup(string.Empty).AddEndpointFilter(TusResumableFilter);

        // tus clients probe OPTIONS without credentials; the answer is the same for everyone (protocol and size limit).
        tus.MapMethods("", [HttpMethods.Options], Discover).AllowAnonymous()
            .WithSummary("tus discovery: version, extensions and maximum size (no login needed)");
        tus.MapPost("", (HttpContext http, UploadStore store) => Create(http, ownerOf(http), store))
            .WithSummary("tus creation: declare Upload-Length (ciphertext) and Upload-Metadata; answers Location");
        tus.MapMethods("{uploadId}", [HttpMethods.Head], (string uploadId, HttpContext http, UploadStore store) => Head(uploadId, http, ownerOf(http), store))
            .WithSummary("tus offset: how many bytes the server holds");
        tus.MapPatch("{uploadId}", (string uploadId, HttpContext http, UploadStore store, UploadAppender appender) => Patch(uploadId, http, ownerOf(http), store, appender))
            .WithSummary("tus append: application/offset+octet-stream at Upload-Offset");
        tus.MapDelete("{uploadId}", (string uploadId, HttpContext http, UploadStore store) => Terminate(uploadId, http, ownerOf(http), store))
            .WithSummary("tus termination: discard an upload");
        tus.MapPost("{uploadId}", (string uploadId, HttpContext http, UploadStore store, UploadAppender appender) => MethodOverride(uploadId, http, ownerOf(http), store, appender))
            .WithSummary("tus X-HTTP-Method-Override for clients that cannot send PATCH or DELETE");
        return group;
    }

    private static async ValueTask<object?> TusResumableFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        http.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers["Tus-Resumable"] != TusVersion)
        {
            http.Response.Headers["Tus-Version"] = TusVersion;
            return UploadProblems.Of(UploadErrorCodes.TusVersionUnsupported, $"Send Tus-Resumable: {TusVersion}.");
        }
        return await next(context);
    }

    private static IResult Discover(HttpContext http, UploadStore store)
    {
        var headers = http.Response.Headers;
        headers["Tus-Version"] = TusVersion;
        headers["Tus-Extension"] = TusExtensions;
        headers["Tus-Max-Size"] = store.Options.MaxCiphertextBytes().ToString(CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Create(HttpContext http, string? owner, UploadStore store)
    {
        if (owner is null)
        {
            return UploadProblems.NoOwner();
        }
        var request = http.Request.Headers;
        if (request.ContainsKey("Upload-Defer-Length"))
        {
            return UploadProblems.Of(UploadErrorCodes.UploadLengthInvalid, "Deferred lengths are not supported; send Upload-Length.");
        }
        if (!TryParseNonNegative(request["Upload-Length"], out var length))
        {
            return UploadProblems.Of(UploadErrorCodes.UploadLengthInvalid, "Send Upload-Length: the ciphertext length in bytes.");
        }
        var options = store.Options;
        if (length > options.MaxCiphertextBytes())
        {
            http.Response.Headers["Tus-Max-Size"] = options.MaxCiphertextBytes().ToString(CultureInfo.InvariantCulture);
            return UploadProblems.Of(UploadErrorCodes.UploadTooLarge, $"Files may hold at most {options.MaxPlaintextBytes} bytes.");
        }
        if (!SealedStreamLength.TryGetPlaintextLength(length, out _))
        {
            return UploadProblems.Of(UploadErrorCodes.UploadLengthInvalid, "Upload-Length is not the length of any Coffer sealed stream with 1 MiB segments.");
        }
        string? rawMetadata = request["Upload-Metadata"];
        if (!UploadMetadata.TryParse(rawMetadata, out var metadata))
        {
            return UploadProblems.Of(UploadErrorCodes.UploadMetadataInvalid, "Upload-Metadata must be comma-separated 'key base64value' pairs with unique keys.");
        }

        var info = await store.CreateAsync(owner, length, rawMetadata, metadata, http.RequestAborted);
        var headers = http.Response.Headers;
        headers.Location = $"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{info.Id}";
        headers["Upload-Expires"] = FormatDate(info.ExpiresAt);
        return TypedResults.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> Head(string uploadId, HttpContext http, string? owner, UploadStore store)
    {
        if (owner is null)
        {
            return UploadProblems.NoOwner();
        }
        var (status, id, _) = await store.FindAsync(uploadId, owner, http.RequestAborted);
        if (status != UploadLookup.Found)
        {
            return status == UploadLookup.Expired ? UploadProblems.Expired() : UploadProblems.NotFound();
        }
        // Wait for an interrupted PATCH to finish its last write, so the offset counts every byte received.
        using var lease = await store.LockAsync(id, http.RequestAborted);
        if (lease is null)
        {
            return UploadProblems.Busy();
        }
        var (statusNow, _, info) = await store.FindAsync(uploadId, owner, http.RequestAborted);
        if (statusNow != UploadLookup.Found || info is null)
        {
            return statusNow == UploadLookup.Expired ? UploadProblems.Expired() : UploadProblems.NotFound();
        }
        var headers = http.Response.Headers;
        headers["Upload-Offset"] = store.OffsetOf(id, info).ToString(CultureInfo.InvariantCulture);
        headers["Upload-Length"] = info.Length.ToString(CultureInfo.InvariantCulture);
        headers["Upload-Expires"] = FormatDate(info.ExpiresAt);
        if (info.RawMetadata is not null)
        {
            headers["Upload-Metadata"] = info.RawMetadata;
        }
        return TypedResults.Ok();
    }

    private static async Task<IResult> Patch(string uploadId, HttpContext http, string? owner, UploadStore store, UploadAppender appender)
    {
        if (owner is null)
        {
            return UploadProblems.NoOwner();
        }
        var request = http.Request;
        if (!IsOffsetOctetStream(request.ContentType))
        {
            return UploadProblems.Of(UploadErrorCodes.UnsupportedMediaType, $"PATCH bodies must be {OffsetOctetStream}.");
        }
        if (!TryParseNonNegative(request.Headers["Upload-Offset"], out var clientOffset))
        {
            return UploadProblems.Of(UploadErrorCodes.UploadOffsetInvalid, "Send Upload-Offset: the offset this chunk starts at.");
        }
        var (status, id, _) = await store.FindAsync(uploadId, owner, http.RequestAborted);
        if (status != UploadLookup.Found)
        {
            return status == UploadLookup.Expired ? UploadProblems.Expired() : UploadProblems.NotFound();
        }
        using var lease = await store.LockAsync(id, http.RequestAborted);
        if (lease is null)
        {
            return UploadProblems.Busy();
        }
        var (statusNow, _, info) = await store.FindAsync(uploadId, owner, http.RequestAborted);
        if (statusNow != UploadLookup.Found || info is null)
        {
            return statusNow == UploadLookup.Expired ? UploadProblems.Expired() : UploadProblems.NotFound();
        }
        var offset = store.OffsetOf(id, info);
        if (clientOffset != offset)
        {
            http.Response.Headers["Upload-Offset"] = offset.ToString(CultureInfo.InvariantCulture);
            return UploadProblems.Of(UploadErrorCodes.UploadOffsetMismatch, $"The upload is at offset {offset}; resume from there.");
        }
        var remaining = info.Length - offset;
        if (request.ContentLength > remaining)
        {
            return TooMuch(info.Length);
        }

        // tus chunks may be as large as the upload; the declared length is enforced by the appender instead.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }
        AppendResult result;
        if (remaining == 0 || info.BlobId is not null)
        {
            result = await UploadAppender.HasMoreAsync(request.BodyReader, http.RequestAborted)
                ? new AppendResult(AppendOutcome.Overflow, offset, null)
                : new AppendResult(AppendOutcome.Partial, offset, null);
        }
        else
        {
            result = await appender.AppendAsync(id, offset, info.Length, request.BodyReader, http.RequestAborted);
        }
        if (result.Outcome == AppendOutcome.Overflow)
        {
            return TooMuch(info.Length);
        }

        info = info with
        {
            ExpiresAt = info.BlobId is null ? store.Now + store.Options.Expiry : info.ExpiresAt,
            Sha256 = result.Sha256 is null ? info.Sha256 : Convert.ToHexStringLower(result.Sha256),
        };
        await store.SaveAsync(id, info, CancellationToken.None);
        var headers = http.Response.Headers;
        headers["Upload-Offset"] = result.Offset.ToString(CultureInfo.InvariantCulture);
        headers["Upload-Expires"] = FormatDate(info.ExpiresAt);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Terminate(string uploadId, HttpContext http, string? owner, UploadStore store)
    {
        if (owner is null)
        {
            return UploadProblems.NoOwner();
        }
        var (status, id, _) = await store.FindAsync(uploadId, owner, http.RequestAborted);
        if (status == UploadLookup.NotFound)
        {
            return UploadProblems.NotFound();
        }
        using var lease = await store.LockAsync(id, http.RequestAborted);
        if (lease is null)
        {
            return UploadProblems.Busy();
        }
        var (statusNow, _, info) = await store.FindAsync(uploadId, owner, http.RequestAborted);
        if (statusNow == UploadLookup.NotFound || info is null)
        {
            return UploadProblems.NotFound();
        }
        if (info.ReservedAt is not null)
        {
            return UploadProblems.Of(UploadErrorCodes.UploadClaimed, "This upload is being committed as a version and can no longer be terminated.");
        }
        var checker = http.RequestServices.GetService<IBlobReferenceChecker>();
        await store.RemoveAsync(id, info, checker, CancellationToken.None);
        return TypedResults.NoContent();
    }

    private static Task<IResult> MethodOverride(string uploadId, HttpContext http, string? owner, UploadStore store, UploadAppender appender)
    {
        var method = http.Request.Headers["X-HTTP-Method-Override"].ToString();
        if (HttpMethods.IsPatch(method))
        {
            return Patch(uploadId, http, owner, store, appender);
        }
        if (HttpMethods.IsDelete(method))
        {
            return Terminate(uploadId, http, owner, store);
        }
        return Task.FromResult(UploadProblems.Of(UploadErrorCodes.MethodNotAllowed, "POST to an upload needs X-HTTP-Method-Override: PATCH or DELETE."));
    }

    private static IResult TooMuch(long length) =>
        UploadProblems.Of(UploadErrorCodes.UploadExceedsLength, $"The upload was declared as {length} bytes; the bytes past that were refused and not stored.");

    private static bool IsOffsetOctetStream(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(OffsetOctetStream, StringComparison.OrdinalIgnoreCase);

    private static bool TryParseNonNegative(string? value, out long result)
    {
        result = 0;
        // Digits only: no sign, no whitespace, no thousands separators.
        return !string.IsNullOrEmpty(value) && value.Length <= 19 && value.All(char.IsAsciiDigit)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }

    private static string FormatDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
}
