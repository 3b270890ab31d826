using System.Text.Json;
using System.Text.Json.Nodes;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>The committed docs/openapi.json must equal what the server serves, so API changes never go unnoticed.</summary>
public sealed class OpenApiDocumentTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private const string UpdateVariable = "COFFER_UPDATE_OPENAPI";

    [Fact]
    public async Task ServedDocument_EqualsTheCommittedOne()
    {
        var served = Normalise(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        if (System.Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        Assert.True(committed == served,
            $"docs/openapi.json differs from the served /openapi/v1.json. If the API change is intended, regenerate it with: {UpdateVariable}=1 dotnet test tests/Coffer.Server.Tests --filter OpenApiDocumentTests");
    }

    /// <summary>Drops the per-host server URL and pretty-prints, so the document is stable across machines.</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Coffer.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Coffer.slnx not found above the test binaries.");
    }
}
