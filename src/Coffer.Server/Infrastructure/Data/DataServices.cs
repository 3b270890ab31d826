using Coffer.Server.Infrastructure.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Data;

/// <summary>Registers the database: the one place that names a provider.</summary>
public static class DataServices
{
    public const string DatabaseFileName = "coffer.db";

    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<SqlitePragmaInterceptor>();
        builder.Services.AddSingleton<AppendOnlyInterceptor>();
        // Pooled: a request leases a context (with its internal services) instead of building one; CofferDbContext keeps no
        // state of its own beyond what the pool resets.
        builder.Services.AddPooledDbContextFactory<CofferDbContext>((services, options) =>
        {
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var environment = services.GetRequiredService<IHostEnvironment>();
            options.UseSqlite(ConnectionString(storage, environment.ContentRootPath));
            options.AddInterceptors(services.GetRequiredService<SqlitePragmaInterceptor>(), services.GetRequiredService<AppendOnlyInterceptor>());
            // Interceptors of other areas (the mail queue's wake-up) are registered as IInterceptor by their own AddX().
            options.AddInterceptors(services.GetServices<IInterceptor>());
            // A model ahead of its migrations is caught by a test (DatabaseTests), not by refusing to start.
            options.ConfigureWarnings(warnings => warnings.Log(RelationalEventId.PendingModelChangesWarning));
        });
        // Request handlers take a scoped DbContext; background work asks the factory.
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<CofferDbContext>>().CreateDbContext());
        return builder;
    }

    public static string ConnectionString(StorageOptions storage, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            return storage.ConnectionString;
        }

        var dataDirectory = storage.ResolveDataDirectory(contentRoot);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, DatabaseFileName),
            Pooling = true,
        }.ToString();
    }

    /// <summary>Creates the data directory, loads (or creates) the server secret, puts the database in WAL mode and applies pending migrations; called once at start.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Directory.CreateDirectory(storage.ResolveDataDirectory(services.GetRequiredService<IHostEnvironment>().ContentRootPath));
        _ = services.GetRequiredService<ServerSecret>();
        await using var db = await services.GetRequiredService<IDbContextFactory<CofferDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await SqlitePragmaInterceptor.EnableWalAsync(db.Database.GetDbConnection(), cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
