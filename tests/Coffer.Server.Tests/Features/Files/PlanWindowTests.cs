using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Accounts;
using Coffer.Contracts.Files;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Files;

/// <summary>A host whose Professional plan (the default for new accounts) makes only the latest 3 versions available and allows 2000-byte files.</summary>
public sealed class SmallPlanAppFactory : CofferAppFactory
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Plans:Professional:VersionsAvailable"] = "3";
        settings["Plans:Professional:MaxFileSizeBytes"] = "2000";
        return settings;
    }
}

public sealed class PlanWindowTests(SmallPlanAppFactory factory) : IClassFixture<SmallPlanAppFactory>
{
    [Fact]
    public async Task VersionsBeyondThePlan_AreHiddenButKept_AndReturnWhenThePlanGrows()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var first = TestFiles.NewCiphertext(321);
        var file = await TestFiles.CreateFileAsync(owner.Client, content: first);
        for (var basedOn = 1; basedOn <= 4; basedOn++)
        {
            await TestFiles.CommitAsync(owner.Client, file.Id, basedOn: basedOn);
        }

        var limited = await owner.Client.GetFromJsonAsync<VersionListDto>($"/api/files/{file.Id}/versions");
        Assert.Equal([5, 4, 3], limited!.Versions.Select(v => v.Number));
        Assert.Equal(5, limited.Latest);
        Assert.Equal(2, limited.HiddenCount);
        await TestAccounts.AssertProblemAsync(await owner.Client.GetAsync($"/api/files/{file.Id}/versions/1/content"), HttpStatusCode.NotFound, "version-not-available");
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsync($"/api/files/{file.Id}/versions/2/make-current", null), HttpStatusCode.NotFound, "version-not-available");

        // The plan grows: the account's organization is on Enterprise (all versions).
        using (var output = new StringWriter())
        {
            Assert.Equal(0, await AdminCommand.RunAsync(factory.Services, ["admin", "create-organization", "--name", $"Grow {Guid.NewGuid():N}", "--admin-email", owner.Email, "--plan", "Enterprise"], output, output));
        }

        var all = await owner.Client.GetFromJsonAsync<VersionListDto>($"/api/files/{file.Id}/versions");
        Assert.Equal([5, 4, 3, 2, 1], all!.Versions.Select(v => v.Number));
        Assert.Equal(0, all.HiddenCount);
        Assert.Equal(first, await owner.Client.GetByteArrayAsync($"/api/files/{file.Id}/versions/1/content"));
    }

    [Fact]
    public async Task Paging_StaysInsideThePlansWindow()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        await VersionPagingTests.MakeCurrentAsync(owner.Client, file.Id, 8);

        var first = await owner.Client.GetFromJsonAsync<VersionListDto>($"/api/files/{file.Id}/versions?limit=2");
        Assert.Equal([8, 7], first!.Versions.Select(v => v.Number));
        Assert.Equal((8, 3, 5, (int?)7), (first.Latest, first.AvailableCount, first.HiddenCount, first.NextBefore));

        // The window (6…8) ends the walk: no cursor into the hidden versions.
        var second = await owner.Client.GetFromJsonAsync<VersionListDto>($"/api/files/{file.Id}/versions?before=7&limit=2");
        Assert.Equal([6], second!.Versions.Select(v => v.Number));
        Assert.Null(second.NextBefore);

        foreach (var before in new[] { 6, 5, 2 })
        {
            var hidden = await owner.Client.GetFromJsonAsync<VersionListDto>($"/api/files/{file.Id}/versions?before={before}");
            Assert.Empty(hidden!.Versions);
            Assert.Null(hidden.NextBefore);
            Assert.Equal(5, hidden.HiddenCount);
        }

        var all = await owner.Client.GetFromJsonAsync<VersionListDto>($"/api/files/{file.Id}/versions?limit=200");
        Assert.Equal([8, 7, 6], all!.Versions.Select(v => v.Number));
        Assert.Null(all.NextBefore);
    }

    [Fact]
    public async Task Me_ShowsThePlanLimits()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var me = await owner.Client.GetFromJsonAsync<AccountDto>("/api/accounts/me");
        Assert.Equal(new PlanLimitsDto(3, true, 2000), me!.Limits);
    }

    [Fact]
    public async Task AFileOverThePlansSize_IsRefused_AtCommit()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var uploadId = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext(2001));
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync("/api/files", TestFiles.NewFile(uploadId)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        var fits = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext(2000));
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync("/api/files", TestFiles.NewFile(fits))).StatusCode);
    }
}
