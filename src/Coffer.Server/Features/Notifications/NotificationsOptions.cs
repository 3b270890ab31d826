using System.ComponentModel.DataAnnotations;

namespace Coffer.Server.Features.Notifications;

/// <summary>Owner notification settings, bound from the <c>Notifications</c> section.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Activity on a link within this window after its first event is sent as one digest.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Notifications:DigestWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan DigestWindow { get; set; } = TimeSpan.FromMinutes(5);
}
