using System.ComponentModel.DataAnnotations;

namespace Coffer.Server.Infrastructure.Http;

/// <summary>Limits on the account endpoints (register, login, prelogin, confirm), per client IP and per email.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 100_000, ErrorMessage = "RateLimits:PerIpPerMinute must be between 1 and 100000.")]
    public int PerIpPerMinute { get; set; } = 60;

    [Range(1, 100_000, ErrorMessage = "RateLimits:PerEmailPerMinute must be between 1 and 100000.")]
    public int PerEmailPerMinute { get; set; } = 10;
}
