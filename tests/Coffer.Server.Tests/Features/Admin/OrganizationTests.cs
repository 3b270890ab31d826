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

    [Fact]
    public async Task AddMember_ListsTheAccount_AndExplainsEachRefusalInItsDetail()
    {
        var admin = await TestAccounts.CreateAsync(factory);
        var member = await TestAccounts.CreateAsync(factory);
        var otherAdmin = await TestAccounts.CreateAsync(factory);
        Assert.Equal(0, await RunAdminCommandAsync("admin", "create-organization", "--name", $"Org {Guid.NewGuid():N}", "--admin-email", admin.Email));
        Assert.Equal(0, await RunAdminCommandAsync("admin", "create-organization", "--name", $"Other {Guid.NewGuid():N}", "--admin-email", otherAdmin.Email));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest($"  {member.Email.ToUpperInvariant()} ", "member"))).StatusCode);
        var organization = await admin.Client.GetFromJsonAsync<OrganizationDto>("/api/admin/organization");
        Assert.Equal(
            new[] { (admin.Email, "admin"), (member.Email, "member") }.OrderBy(m => m.Item1, StringComparer.Ordinal),
            organization!.Members.Select(m => (m.Email, m.Role)));

        var unknown = TestAccounts.NewEmail("nobody");
        await AssertDetailAsync(
            await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(unknown, "member")),
            HttpStatusCode.NotFound, "not-found", $"No confirmed Coffer account uses {unknown}. Ask them to sign up and confirm their email first, then add them.");

        // Registered but never confirmed: the same answer, since the account cannot be used yet.
        var unconfirmed = TestAccounts.NewEmail("unconfirmed");
        (await factory.CreateClient().PostAsJsonAsync("/api/accounts/register", TestAccounts.NewRegistration(unconfirmed, new byte[32]))).EnsureSuccessStatusCode();
        await AssertDetailAsync(
            await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(unconfirmed, "member")),
            HttpStatusCode.NotFound, "not-found", $"No confirmed Coffer account uses {unconfirmed}.");

        await AssertDetailAsync(
            await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(member.Email, "admin")),
            HttpStatusCode.Conflict, "conflict", $"{member.Email} is already a member of this organization.");
        await AssertDetailAsync(
            await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(otherAdmin.Email, "member")),
            HttpStatusCode.Conflict, "conflict", $"{otherAdmin.Email} already belongs to another organization");
        await AssertDetailAsync(
            await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest("not an email", "member")),
            HttpStatusCode.BadRequest, "invalid-request", "That is not an email address.");
        await TestAccounts.AssertProblemAsync(
            await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(unknown, "owner")), HttpStatusCode.BadRequest, "invalid-request");
        await TestAccounts.AssertProblemAsync(
            await member.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(unknown, "member")), HttpStatusCode.Forbidden, "not-an-admin");

        var unchanged = await admin.Client.GetFromJsonAsync<OrganizationDto>("/api/admin/organization");
        Assert.Equal(2, unchanged!.Members.Count);
    }

    private static async Task AssertDetailAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode, string detailStart)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await TestAccounts.ReadProblemAsync(response);
        Assert.Equal(errorCode, problem.GetProperty("errorCode").GetString());
        Assert.StartsWith(detailStart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
