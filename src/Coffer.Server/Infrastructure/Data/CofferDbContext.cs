using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coffer.Server.Infrastructure.Data;

/// <summary>The one database of the server; every feature maps its entities with an <see cref="IEntityTypeConfiguration{TEntity}"/> in its own folder.</summary>
public sealed class CofferDbContext(DbContextOptions<CofferDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CofferDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as a 64-bit number so every provider can compare and order times (SQLite cannot order DateTimeOffset text).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
