using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Infrastructure;

public sealed class DatabaseTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        _ = factory.CreateClient();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(),
            "The EF model changed without a migration: dotnet ef migrations add <Name> --project src/Coffer.Server --output-dir Infrastructure/Data/Migrations");
    }

    [Fact]
    public async Task Database_IsASqliteFileInTheDataDirectory_InWalMode()
    {
        _ = factory.CreateClient();
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, DataServices.DatabaseFileName)));
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "server-secret")));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}
