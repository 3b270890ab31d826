namespace Coffer.Bench.Harness;

/// <summary>Medians and percentiles of measured figures.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile (p in 0..100).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Round(double value, int digits = 1) => double.IsFinite(value) ? Math.Round(value, digits) : value;

    /// <summary>MB/s: 10^6 bytes per second.</summary>
    public static double MBps(long bytes, double seconds) => bytes / seconds / 1e6;
}
