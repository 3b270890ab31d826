using System.ComponentModel.DataAnnotations;

namespace Coffer.Server.Features.Uploads;

/// <summary>Limits and timing of tus uploads (section <c>Uploads</c>).</summary>
public sealed class UploadsOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Largest plaintext a sealed upload may carry; 5 GiB by default.</summary>
    [Range(0, 1L << 42)]
    public long MaxPlaintextBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>An upload expires this long after its last successful PATCH (or its creation).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sweeper removes expired uploads.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claim may stay unconfirmed (the caller's transaction in flight) before the sweeper settles it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ClaimGrace { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The largest acceptable <c>Upload-Length</c>: the ciphertext of <see cref="MaxPlaintextBytes"/> (a method, so option validation does not evaluate it before the limit is validated).</summary>
    public long MaxCiphertextBytes() => SealedStreamLength.CiphertextLength(MaxPlaintextBytes);
}
