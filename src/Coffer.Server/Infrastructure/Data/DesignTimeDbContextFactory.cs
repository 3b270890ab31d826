using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Coffer.Server.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CofferDbContext>
{
    public CofferDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CofferDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
