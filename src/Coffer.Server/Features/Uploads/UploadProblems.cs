namespace Coffer.Server.Features.Uploads;

/// <summary>The RFC 9457 problems the tus endpoints answer with, each with a stable <c>errorCode</c>.</summary>
internal static class UploadProblems
{
    public static IResult Of(int status, string errorCode, string title, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { ["errorCode"] = errorCode });

    public static IResult NotFound() =>
        Of(StatusCodes.Status404NotFound, "upload_not_found", "Upload not found", "There is no such upload.");

    public static IResult Expired() =>
        Of(StatusCodes.Status410Gone, "upload_expired", "Upload expired", "The upload expired before it was finished; its bytes were or will be removed.");

    public static IResult Busy() =>
        Of(StatusCodes.Status423Locked, "upload_busy", "Upload busy", "Another request is still writing to this upload; retry after reading its offset.");

    public static IResult NoOwner() =>
        Of(StatusCodes.Status401Unauthorized, "upload_unauthorized", "Not signed in", "Uploads need an authenticated owner.");
}
