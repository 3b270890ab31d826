using System.ComponentModel.DataAnnotations;

namespace Coffer.Server.Features.Accounts;

/// <summary>Account settings bound from the <c>Accounts</c> section.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>PBKDF2-SHA256 iterations of the server's own hash of an auth key.</summary>
    [Range(100_000, 10_000_000, ErrorMessage = "Accounts:AuthKeyHashIterations must be between 100000 and 10000000.")]
    public int AuthKeyHashIterations { get; set; } = 100_000;

    /// <summary>The lowest client KDF iteration count accepted at registration (CRYPTO.md §3 requires 600 000).</summary>
    [Range(1, 100_000_000, ErrorMessage = "Accounts:MinimumKdfIterations must be a positive number.")]
    public int MinimumKdfIterations { get; set; } = 600_000;

    /// <summary>The iteration count of the fake KDF record given for unknown emails; match what clients use.</summary>
    [Range(1, 100_000_000, ErrorMessage = "Accounts:DefaultKdfIterations must be a positive number.")]
    public int DefaultKdfIterations { get; set; } = 600_000;

    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00", ErrorMessage = "Accounts:SessionLifetime must be between 00:05:00 and 365.00:00:00.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Accounts:CodeLifetime must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, 20, ErrorMessage = "Accounts:CodeMaxAttempts must be between 1 and 20.")]
    public int CodeMaxAttempts { get; set; } = 5;
}
