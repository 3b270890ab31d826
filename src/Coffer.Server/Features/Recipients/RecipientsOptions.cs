using System.ComponentModel.DataAnnotations;

namespace Coffer.Server.Features.Recipients;

/// <summary>Recipient verification and session settings, bound from the <c>Recipients</c> section.</summary>
public sealed class RecipientsOptions
{
    public const string Section = "Recipients";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Recipients:CodeLifetime must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, 20, ErrorMessage = "Recipients:CodeMaxAttempts must be between 1 and 20.")]
    public int CodeMaxAttempts { get; set; } = 5;

    /// <summary>A link session ends at this age, or earlier when the link expires, is revoked or suspended.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00", ErrorMessage = "Recipients:SessionLifetime must be between 00:05:00 and 90.00:00:00.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Codes mailed per hour to one email for one link.</summary>
    [Range(1, 1000, ErrorMessage = "Recipients:CodesPerLinkEmailPerHour must be between 1 and 1000.")]
    public int CodesPerLinkEmailPerHour { get; set; } = 5;

    /// <summary>Codes mailed per hour to one email, over all links.</summary>
    [Range(1, 10_000, ErrorMessage = "Recipients:CodesPerEmailPerHour must be between 1 and 10000.")]
    public int CodesPerEmailPerHour { get; set; } = 15;

    /// <summary>Codes mailed per hour for one link, to all emails.</summary>
    [Range(1, 100_000, ErrorMessage = "Recipients:CodesPerLinkPerHour must be between 1 and 100000.")]
    public int CodesPerLinkPerHour { get; set; } = 100;

    /// <summary>Verification and session requests per minute from one IP address.</summary>
    [Range(1, 100_000, ErrorMessage = "Recipients:PerIpPerMinute must be between 1 and 100000.")]
    public int PerIpPerMinute { get; set; } = 30;
}
