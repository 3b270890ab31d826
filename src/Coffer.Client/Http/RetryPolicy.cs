using System.Net;

namespace Coffer.Client.Http;

/// <summary>How transfers retry transient failures: exponential backoff from <see cref="BaseDelay"/>, at most <see cref="MaxAttempts"/> in a row without progress.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));

    public TimeSpan DelayFor(int attempt)
    {
        var millis = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var jitter = System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 250);
        return TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, millis) + jitter);
    }

    /// <summary>Network failures, timeouts and the answers that mean "try again" (409 offset, 423 busy, 429, 5xx).</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException => true,
        IOException => true,
        CofferApiException api => api.Status is HttpStatusCode.Conflict or HttpStatusCode.Locked or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || (int)api.Status >= 500,
        _ => false,
    };
}
