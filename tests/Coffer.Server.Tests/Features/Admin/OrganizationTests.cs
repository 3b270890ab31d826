using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Accounts;
using Coffer.Contracts.Organizations;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Admin;

public sealed class OrganizationTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private async Task<int> RunAdminCommandAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        return await AdminCommand.RunAsync(factory.Services, args, output, error);
    }

    [Fact]
    public async Task AdminCommand_CreatesTheOrganization_WithTheAccountAsAdmin()
    {
        var admin = await TestAccounts.CreateAsync(factory);
        var name = $"Acme {Guid.NewGuid():N}";

        Assert.Equal(0, await RunAdminCommandAsync("admin", "create-organization", "--name", name, "--admin-email", admin.Email.ToUpperInvariant(), "--plan", "enterprise"));

        var me = await admin.Client.GetFromJsonAsync<AccountDto>("/api/accounts/me");
        Assert.Equal(name, me!.Organization!.Name);
        Assert.Equal("admin", me.Organization.Role);
        Assert.Equal("Enterprise", me.Plan);
        Assert.Null(me.Limits.VersionsAvailable);
        var organization = await admin.Client.GetFromJsonAsync<OrganizationDto>("/api/admin/organization");
        Assert.Equal([admin.Email], organization!.Members.Select(m => m.Email));
    }

    [Fact]
    public async Task AdminCommand_RefusesUnknownAccountsAndBadArguments()
    {
        Assert.Equal(1, await RunAdminCommandAsync("admin", "create-organization", "--name", "X", "--admin-email", TestAccounts.NewEmail()));
        Assert.Equal(2, await RunAdminCommandAsync("admin", "create-organization", "--name", "X"));
        Assert.Equal(2, await RunAdminCommandAsync("admin", "frobnicate"));
        var account = await TestAccounts.CreateAsync(factory);
        Assert.Equal(2, await RunAdminCommandAsync("admin", "create-organization", "--name", "X", "--admin-email", account.Email, "--plan", "Gold"));
    }

    [Fact]
    public async Task Policy_IsReadAndWrittenByAdmins_Only()
    {
        var admin = await TestAccounts.CreateAsync(factory);
        var member = await TestAccounts.CreateAsync(factory);
        var outsider = await TestAccounts.CreateAsync(factory);
        Assert.Equal(0, await RunAdminCommandAsync("admin", "create-organization", "--name", $"Org {Guid.NewGuid():N}", "--admin-email", admin.Email));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(member.Email, "member"))).StatusCode);

        var initial = await admin.Client.GetFromJsonAsync<OrganizationPolicyDto>("/api/admin/organization/policy");
        Assert.Equal(new OrganizationPolicyDto(true, false, null, null), initial);
        var wanted = new OrganizationPolicyDto(false, true, 7, 30);
        var saved = await (await admin.Client.PutAsJsonAsync("/api/admin/organization/policy", wanted)).Content.ReadFromJsonAsync<OrganizationPolicyDto>();
        Assert.Equal(wanted, saved);
        Assert.Equal(wanted, await admin.Client.GetFromJsonAsync<OrganizationPolicyDto>("/api/admin/organization/policy"));

        await TestAccounts.AssertProblemAsync(await admin.Client.PutAsJsonAsync("/api/admin/organization/policy", wanted with { DefaultLinkExpiryDays = 60 }), HttpStatusCode.BadRequest, "invalid-request");
        await TestAccounts.AssertProblemAsync(await admin.Client.PutAsJsonAsync("/api/admin/organization/policy", wanted with { MaxLinkExpiryDays = 0 }), HttpStatusCode.BadRequest, "invalid-request");
        await TestAccounts.AssertProblemAsync(await member.Client.GetAsync("/api/admin/organization/policy"), HttpStatusCode.Forbidden, "not-an-admin");
        await TestAccounts.AssertProblemAsync(await member.Client.PutAsJsonAsync("/api/admin/organization/policy", wanted), HttpStatusCode.Forbidden, "not-an-admin");
        await TestAccounts.AssertProblemAsync(await outsider.Client.GetAsync("/api/admin/organization"), HttpStatusCode.Forbidden, "not-an-admin");

        var memberView = await member.Client.GetFromJsonAsync<AccountDto>("/api/accounts/me");
        Assert.Equal("member", memberView!.Organization!.Role);
        Assert.Equal("Business", memberView.Plan);
        await TestAccounts.AssertProblemAsync(
            await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(member.Email, "member")), HttpStatusCode.Conflict, "conflict");
    }
}
