using Coffer.Server.Infrastructure;
using Coffer.Server.Tests.TestHost;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>The memory-related start-up settings (docs/OPERATIONS.md, "Memory").</summary>
public sealed class RuntimeSettingsTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    [Fact]
    public void DataProtectionKeyRing_IsNotLoadedAtStart()
    {
        // The framework still has the service this removes (a rename would make the removal a silent no-op)...
        Assert.NotNull(typeof(DataProtectionOptions).Assembly.GetType(ServerDefaults.DataProtectionStartupService));
        // ...and the server does not run it.
        var hosted = factory.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName).ToList();
        Assert.NotEmpty(hosted);
        Assert.DoesNotContain(ServerDefaults.DataProtectionStartupService, hosted);
    }

    [Fact]
    public void RuntimeConfig_KeepsTheMemorySettings()
    {
        // Written by the build from Coffer.Server.csproj; the tests host the server in their own process, so read the file.
        var path = Path.Combine(AppContext.BaseDirectory, "Coffer.Server.runtimeconfig.json");
        Assert.True(File.Exists(path), path);
        var properties = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation").GetBoolean());
        Assert.True(properties.GetProperty("System.Globalization.Invariant").GetBoolean());
        Assert.Equal(4 << 20, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt32());
        Assert.Equal(1 << 20, properties.GetProperty("System.GC.RegionSize").GetInt32());
    }
}
