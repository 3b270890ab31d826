using System.Net;

namespace Coffer.Client.Http;

/// <summary>An RFC 9457 problem answered by the server; callers switch on <see cref="ErrorCode"/>, never on the message.</summary>
public sealed class CofferApiException : Exception
{
    public CofferApiException(HttpStatusCode status, string errorCode, string? title, string? detail)
        : base(detail ?? title ?? $"The server answered {(int)status} ({errorCode}).")
    {
        Status = status;
        ErrorCode = errorCode;
        Title = title;
        Detail = detail;
    }

    public CofferApiException()
        : this(HttpStatusCode.InternalServerError, "internal-error", null, null)
    {
    }

    public CofferApiException(string message)
        : base(message)
    {
        ErrorCode = "client-error";
    }

    public CofferApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "client-error";
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The stable, machine-readable code (e.g. <c>not-found</c>, <c>extension-mismatch</c>).</summary>
    public string ErrorCode { get; }

    public string? Title { get; }

    /// <summary>A sentence a person understands, as the server wrote it.</summary>
    public string? Detail { get; }
}
