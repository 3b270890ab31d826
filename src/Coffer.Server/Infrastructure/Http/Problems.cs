using Microsoft.AspNetCore.Http.HttpResults;

namespace Coffer.Server.Infrastructure.Http;

/// <summary>Builds typed RFC 9457 problems carrying a catalogued <c>errorCode</c>.</summary>
public static class Problems
{
    public const string ErrorCodeKey = "errorCode";
    public const string TraceIdKey = "traceId";

    /// <summary>A problem for <paramref name="errorCode"/> with a sentence a person understands.</summary>
    public static ProblemHttpResult Of(string errorCode, string detail, IDictionary<string, object?>? extensions = null)
    {
        var (status, title) = ErrorCodes.Catalogue[errorCode];
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>())
        {
            [ErrorCodeKey] = errorCode,
        };
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeUri(errorCode), extensions: all);
    }

    public static ProblemHttpResult NotFound(string what) => Of(ErrorCodes.NotFound, $"No {what} with that id exists for this account.");

    public static ProblemHttpResult Invalid(string detail) => Of(ErrorCodes.InvalidRequest, detail);

    /// <summary>Writes a problem directly to a response, for middleware outside endpoint results.</summary>
    public static async Task WriteAsync(HttpContext context, string errorCode, string detail)
    {
        var (status, title) = ErrorCodes.Catalogue[errorCode];
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = TypeUri(errorCode),
                Extensions = { [ErrorCodeKey] = errorCode },
            },
        });
    }

    /// <summary>A stable URI naming the problem type, one per error code.</summary>
    public static string TypeUri(string errorCode) => $"urn:coffer:problem:{errorCode}";
}
