using Coffer.Server.Tests.TestHost;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Tests.Infrastructure;

public sealed class ConfigurationTests
{
    private sealed class MisconfiguredFactory(string key, string value) : CofferAppFactory
    {
        protected override Dictionary<string, string?> Settings()
        {
            var settings = base.Settings();
            settings[key] = value;
            return settings;
        }
    }

    [Theory]
    [InlineData("Accounts:AuthKeyHashIterations", "10")]
    [InlineData("Accounts:CodeMaxAttempts", "0")]
    [InlineData("Accounts:SessionLifetime", "00:00:01")]
    [InlineData("RateLimits:PerIpPerMinute", "0")]
    [InlineData("Mail:Smtp:Port", "70000")]
    [InlineData("Mail:Smtp:Security", "Sometimes")]
    [InlineData("Mail:From", "not an address")]
    [InlineData("Plans:Business:VersionsAvailable", "-1")]
    [InlineData("Plans:Personal:MaxFileSizeBytes", "0")]
    [InlineData("Security:ServerSecret", "too-short")]
    [InlineData("ReverseProxy:KnownProxies:0", "not-an-ip")]
    [InlineData("Storage:DataDirectory", "")]
    public void InvalidSetting_FailsAtStart_NamingTheSetting(string key, string value)
    {
        using var factory = new MisconfiguredFactory(key, value);
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var messages = error is OptionsValidationException validation ? string.Join(" ", validation.Failures) : error.ToString();
        Assert.Contains(key, messages, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPlanName_FailsAtStart_NamingTheSetting()
    {
        using var factory = new MisconfiguredFactory("Plans:Default", "Gold");
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Plans:Default", error.ToString(), StringComparison.Ordinal);
    }
}
