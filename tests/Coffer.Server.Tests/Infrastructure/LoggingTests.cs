using System.Net.Http.Json;
using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Security;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>Production logging: no auth key, token, code or wrapped key may appear in any log line.</summary>
public sealed class ProductionOutboxAppFactory : CofferAppFactory
{
    protected override string Environment => "Production";
}

public sealed class LoggingTests(ProductionOutboxAppFactory factory) : IClassFixture<ProductionOutboxAppFactory>
{
    [Fact]
    public async Task AFullAccountFlow_LogsNoSecret()
    {
        var account = await TestAccounts.CreateAsync(factory);
        var code = await TestAccounts.LatestCodeAsync(factory.CreateClient(), account.Email);
        var file = await TestFiles.CreateFileAsync(account.Client);
        var change = new ChangePasswordRequest(Base64Url.Encode(account.AuthKey), TestAccounts.NewKdf(), Base64Url.Encode(new byte[32]), TestAccounts.NewWrappedKey());
        await account.Client.PostAsJsonAsync("/api/accounts/password", change);

        string[] secrets = [Base64Url.Encode(account.AuthKey), account.Token, code, file.WrappedFileKey, file.SealedName, change.WrappedAccountKey];
        Assert.NotEmpty(factory.Logs);
        foreach (var line in factory.Logs)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            }
        }
    }
}
