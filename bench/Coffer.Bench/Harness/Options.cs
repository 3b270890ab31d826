using System.Globalization;

namespace Coffer.Bench.Harness;

/// <summary>Reads <c>--name value</c> and <c>--flag</c> options of a subcommand.</summary>
internal sealed class Options(string[] args)
{
    public string? String(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public string String(string name, string fallback) => String(name) ?? fallback;

    public int Int(string name, int fallback) =>
        int.TryParse(String(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public double Double(string name, double fallback) =>
        double.TryParse(String(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public bool Flag(string name) => Array.IndexOf(args, name) >= 0;
}
