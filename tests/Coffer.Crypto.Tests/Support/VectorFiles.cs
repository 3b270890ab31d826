using System.Text.Json;

namespace Coffer.Crypto.Tests.Support;

/// <summary>Reads the committed files in test-vectors/ straight from the source tree, so a file added later is seen without a rebuild.</summary>
internal static class VectorFiles
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "test-vectors");

    public static JsonElement Load(string relativePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, relativePath)));
        return document.RootElement.Clone();
    }

    public static JsonElement Case(string file, string array, string name) =>
        Load(file).GetProperty(array).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(string file, string array)
    {
        var data = new TheoryData<string>();
        foreach (var entry in Load(file).GetProperty(array).EnumerateArray())
            data.Add(entry.GetProperty("name").GetString()!);
        return data;
    }

    public static TheoryData<int> Indexes(string file, string array)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load(file).GetProperty(array).GetArrayLength(); i++)
            data.Add(i);
        return data;
    }

    public static byte[] Hex(this JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static long Long(this JsonElement element, string property) => element.GetProperty(property).GetInt64();

    public static int Int(this JsonElement element, string property) => element.GetProperty(property).GetInt32();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coffer.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
