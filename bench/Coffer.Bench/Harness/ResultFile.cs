using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coffer.Bench.Harness;

/// <summary>Writes <c>bench/results/&lt;name&gt;.json</c>.</summary>
internal static class ResultFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string DefaultPath(string name) => Path.Combine(RepositoryPaths.Root(), "bench", "results", name + ".json");

    public static async Task WriteAsync(string path, JsonObject report)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToJsonString(Indented) + "\n");
        Console.WriteLine("wrote " + Path.GetRelativePath(RepositoryPaths.Root(), path));
    }

    public static JsonArray Array(IEnumerable<double> values, int digits = 1) =>
        new(values.Select(v => (JsonNode?)Stats.Round(v, digits)).ToArray());
}
