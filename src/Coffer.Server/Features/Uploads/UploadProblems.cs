namespace Coffer.Server.Features.Uploads;

/// <summary>The stable <c>errorCode</c> values of the tus endpoints and downloads, with status and title, for the server's error catalogue.</summary>
public static class UploadErrorCodes
{
    public const string UploadNotFound = "upload-not-found";
    public const string UploadExpired = "upload-expired";
    public const string UploadBusy = "upload-busy";
    public const string Unauthenticated = "unauthenticated";
    public const string TusVersionUnsupported = "tus-version-unsupported";
    public const string UploadTooLarge = "upload-too-large";
    public const string UploadLengthInvalid = "upload-length-invalid";
    public const string UploadMetadataInvalid = "upload-metadata-invalid";
    public const string UploadOffsetInvalid = "upload-offset-invalid";
    public const string UploadOffsetMismatch = "upload-offset-mismatch";
    public const string UploadExceedsLength = "upload-exceeds-length";
    public const string UploadClaimed = "upload-claimed";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string ContentMissing = "content-missing";

    public static readonly IReadOnlyDictionary<string, (int Status, string Title)> Catalogue = new Dictionary<string, (int, string)>
    {
        [UploadNotFound] = (404, "No such upload."),
        [UploadExpired] = (410, "The upload expired."),
        [UploadBusy] = (423, "Another request is writing to this upload."),
        [Unauthenticated] = (401, "Authentication is required."),
        [TusVersionUnsupported] = (412, "Unsupported tus version."),
        [UploadTooLarge] = (413, "The file is larger than allowed."),
        [UploadLengthInvalid] = (400, "Upload-Length is not a valid sealed-stream length."),
        [UploadMetadataInvalid] = (400, "Upload-Metadata is malformed."),
        [UploadOffsetInvalid] = (400, "Upload-Offset is missing or malformed."),
        [UploadOffsetMismatch] = (409, "Upload-Offset does not match the upload."),
        [UploadExceedsLength] = (413, "More bytes than the declared Upload-Length."),
        [UploadClaimed] = (409, "The upload is being committed."),
        [UnsupportedMediaType] = (415, "Unsupported media type."),
        [MethodNotAllowed] = (405, "Method not allowed."),
        [ContentMissing] = (404, "The stored content is missing."),
    };
}

/// <summary>RFC 9457 problems shaped like the rest of the API (<c>type</c> <c>urn:coffer:problem:{code}</c>, <c>errorCode</c>); the trace id is added by the problem details service.</summary>
internal static class UploadProblems
{
    public static IResult Of(string errorCode, string detail)
    {
        var (status, title) = UploadErrorCodes.Catalogue[errorCode];
        return TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            type: $"urn:coffer:problem:{errorCode}",
            extensions: new Dictionary<string, object?> { ["errorCode"] = errorCode });
    }

    public static IResult NotFound() => Of(UploadErrorCodes.UploadNotFound, "There is no such upload.");

    public static IResult Expired() =>
        Of(UploadErrorCodes.UploadExpired, "The upload expired before it was finished; its bytes were or will be removed.");

    public static IResult Busy() =>
        Of(UploadErrorCodes.UploadBusy, "Another request is still writing to this upload; read its offset with HEAD and retry.");

    public static IResult NoOwner() => Of(UploadErrorCodes.Unauthenticated, "Uploads need an authenticated owner.");
}
