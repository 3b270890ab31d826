using System.Globalization;

namespace Coffer.Cli.Infrastructure;

/// <summary>Human-readable byte counts and durations.</summary>
public static class Sizes
{
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0
            ? ((long)bytes).ToString(CultureInfo.InvariantCulture) + " B"
            : bytes.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Duration(TimeSpan time) =>
        time.TotalHours >= 1 ? $"{(int)time.TotalHours}h{time.Minutes:00}m"
        : time.TotalMinutes >= 1 ? $"{(int)time.TotalMinutes}m{time.Seconds:00}s"
        : $"{Math.Max(0, (int)Math.Ceiling(time.TotalSeconds))}s";

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
