using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Links;
using Coffer.Contracts.Organizations;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Links;

public sealed class LinkOwnerTests(LinkAppFactory factory) : IClassFixture<LinkAppFactory>
{
    [Fact]
    public async Task CreateLink_Cooperative_ForcesAccessLogAndEmailAndListsWithBadge()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Modify);
        var plain = await LinkKit.CreateAsync(factory, LinkPermissions.Access, link.Owner);

        Assert.True(link.Link.Cooperative);
        Assert.True(link.Link.AccessLog);
        Assert.True(link.Link.RequireEmail);
        Assert.Equal(LinkStatuses.Active, link.Link.Status);
        var list = (await link.Owner.Client.GetFromJsonAsync<List<LinkDto>>("/api/links"))!;
        Assert.Equal([plain.Id, link.Id], list.Select(l => l.Id));
        Assert.Equal([false, true], list.Select(l => l.Cooperative));
        Assert.Equal(link.Owner.Email, list[0].CreatorEmail);
    }

    [Theory]
    [InlineData("accessLog", ErrorCodes.LinkOptionForced)]
    [InlineData("requireEmail", ErrorCodes.LinkOptionForced)]
    [InlineData("disableDownload", ErrorCodes.LinkOptionUnavailable)]
    [InlineData("watermark", ErrorCodes.LinkOptionUnavailable)]
    public async Task CreateLink_CooperativeWithForbiddenOption_IsRefused(string option, string errorCode)
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        var request = LinkKit.NewRequest(file.Id, LinkPermissions.Modify, LinkKit.NewToken()) with
        {
            AccessLog = option == "accessLog" ? false : null,
            RequireEmail = option == "requireEmail" ? false : null,
            DisableDownload = option == "disableDownload" ? true : null,
            Watermark = option == "watermark" ? true : null,
        };

        var response = await owner.Client.PostAsJsonAsync("/api/links", request);

        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, errorCode);
    }

    [Fact]
    public async Task UpdateLink_TurningOffAccessLogOfCooperativeLink_IsRefused()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Modify);

        var response = await Patch(link, new UpdateLinkRequest(AccessLog: false), link.Link.Revision);

        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, ErrorCodes.LinkOptionForced);
    }

    [Fact]
    public async Task UpdateLink_AccessToModify_IsRefusedWithCreateNewLink()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access);

        var response = await Patch(link, new UpdateLinkRequest(Permission: LinkPermissions.Modify), link.Link.Revision);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await TestAccounts.ReadProblemAsync(response);
        Assert.Equal(ErrorCodes.LinkPermissionImmutable, problem.GetProperty("errorCode").GetString());
        Assert.Contains("create a new", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var again = await link.Owner.Client.GetFromJsonAsync<LinkDto>($"/api/links/{link.Id}");
        Assert.Equal(LinkPermissions.Access, again!.Permission);
    }

    [Fact]
    public async Task UpdateLink_NeedsIfMatch_AndRefusesAStaleETag()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access);

        var missing = await link.Owner.Client.PatchAsJsonAsync($"/api/links/{link.Id}", new UpdateLinkRequest(Watermark: true));
        await TestAccounts.AssertProblemAsync(missing, HttpStatusCode.PreconditionRequired, ErrorCodes.PreconditionRequired);

        var first = await Patch(link, new UpdateLinkRequest(Watermark: true, OpenLimit: 3), link.Link.Revision);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var updated = (await first.Content.ReadFromJsonAsync<LinkDto>())!;
        Assert.True(updated.Watermark);
        Assert.Equal(3, updated.OpenLimit);
        Assert.Equal($"\"{updated.Revision}\"", first.Headers.ETag!.Tag);

        var stale = await Patch(link, new UpdateLinkRequest(Watermark: false), link.Link.Revision);
        await TestAccounts.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed, ErrorCodes.PreconditionFailed);
    }

    [Fact]
    public async Task RevokeLink_IsIdempotentAndShowsRevoked()
    {
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access);

        Assert.Equal(HttpStatusCode.NoContent, (await link.Owner.Client.DeleteAsync($"/api/links/{link.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await link.Owner.Client.DeleteAsync($"/api/links/{link.Id}")).StatusCode);

        var after = await link.Owner.Client.GetFromJsonAsync<LinkDto>($"/api/links/{link.Id}");
        Assert.Equal(LinkStatuses.Revoked, after!.Status);
        var stranger = await TestAccounts.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.DeleteAsync($"/api/links/{link.Id}")).StatusCode);
    }

    [Fact]
    public async Task CreateLink_WithBadInput_IsRefused()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        var good = LinkKit.NewRequest(file.Id, LinkPermissions.Access, LinkKit.NewToken());

        foreach (var bad in new[]
        {
            good with { Id = "short" },
            good with { Permission = "edit" },
            good with { AuthTokenHash = "AAAA" },
            good with { WrappedFileKey = "AAAA" },
            good with { OpenLimit = 0 },
            good with { ExpiresAt = CofferAppFactory.Start.AddDays(-1) },
        })
        {
            var response = await owner.Client.PostAsJsonAsync("/api/links", bad);
            await TestAccounts.AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        }

        var otherFile = await owner.Client.PostAsJsonAsync("/api/links", good with { FileId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, otherFile.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync("/api/links", good)).StatusCode);
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync("/api/links", good), HttpStatusCode.Conflict, ErrorCodes.DuplicateId);
    }

    [Fact]
    public async Task CreateLink_Cooperative_UnderBlockingPolicy_IsRefused()
    {
        var admin = await TestAccounts.CreateAsync(factory);
        await LinkKit.CreateOrganizationAsync(factory, admin, new OrganizationPolicyDto(AllowCooperativeLinks: false, DisableDownloads: false, null, null));
        var file = await TestFiles.CreateFileAsync(admin.Client);

        var cooperative = await admin.Client.PostAsJsonAsync("/api/links", LinkKit.NewRequest(file.Id, LinkPermissions.Modify, LinkKit.NewToken()));
        var plain = await admin.Client.PostAsJsonAsync("/api/links", LinkKit.NewRequest(file.Id, LinkPermissions.Access, LinkKit.NewToken()));

        await TestAccounts.AssertProblemAsync(cooperative, HttpStatusCode.Forbidden, ErrorCodes.CooperativeLinksBlocked);
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
    }

    [Fact]
    public async Task CreateLink_Cooperative_WhenPolicyDisablesDownloads_IsRefusedAndExistingOnesAreSuspendedUntilLifted()
    {
        var admin = await TestAccounts.CreateAsync(factory);
        var member = await TestAccounts.CreateAsync(factory);
        var open = new OrganizationPolicyDto(true, false, null, null);
        await LinkKit.CreateOrganizationAsync(factory, admin, open);
        await LinkKit.AddMemberAsync(admin, member);
        var existing = await LinkKit.CreateAsync(factory, LinkPermissions.Modify, member);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, existing);
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync($"/api/l/{existing.Id}")).StatusCode);

        await LinkKit.SetPolicyAsync(admin, open with { DisableDownloads = true });

        var file = await TestFiles.CreateFileAsync(member.Client);
        var refused = await member.Client.PostAsJsonAsync("/api/links", LinkKit.NewRequest(file.Id, LinkPermissions.Modify, LinkKit.NewToken()));
        await TestAccounts.AssertProblemAsync(refused, HttpStatusCode.Conflict, ErrorCodes.DownloadsDisabledByPolicy);
        await TestAccounts.AssertProblemAsync(await recipient.GetAsync($"/api/l/{existing.Id}"), HttpStatusCode.Forbidden, ErrorCodes.LinkSuspended);
        var seen = await member.Client.GetFromJsonAsync<LinkDto>($"/api/links/{existing.Id}");
        Assert.Equal(LinkStatuses.Suspended, seen!.Status);

        await LinkKit.SetPolicyAsync(admin, open);

        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync($"/api/l/{existing.Id}")).StatusCode);
        var log = await member.Client.GetFromJsonAsync<AccessLogPageDto>($"/api/links/{existing.Id}/log");
        Assert.Equal([AccessLogActions.Suspended, AccessLogActions.Resumed], log!.Entries.TakeLast(2).Select(e => e.Action));
        Assert.Equal(admin.Email, log.Entries[^1].Actor);
    }

    [Fact]
    public async Task PlainLink_WhenPolicyDisablesDownloads_PreviewsButRefusesDownloads()
    {
        var admin = await TestAccounts.CreateAsync(factory);
        await LinkKit.CreateOrganizationAsync(factory, admin, new OrganizationPolicyDto(true, DisableDownloads: true, null, null));
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Access, admin, r => r with { RequireEmail = true });
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);

        var download = await recipient.GetAsync($"/api/l/{link.Id}/versions/1/content?purpose=download");
        var preview = await recipient.GetAsync($"/api/l/{link.Id}/versions/1/content?purpose=preview");

        await TestAccounts.AssertProblemAsync(download, HttpStatusCode.Forbidden, ErrorCodes.DownloadDisabled);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(LinkStatuses.Active, (await admin.Client.GetFromJsonAsync<LinkDto>($"/api/links/{link.Id}"))!.Status);
    }

    [Fact]
    public async Task AdminOfOrganization_ListsEveryLinkWithCreator_ReadsLogsAndRevokes()
    {
        var admin = await TestAccounts.CreateAsync(factory);
        var member = await TestAccounts.CreateAsync(factory);
        await LinkKit.CreateOrganizationAsync(factory, admin, new OrganizationPolicyDto(true, false, null, null));
        await LinkKit.AddMemberAsync(admin, member);
        var link = await LinkKit.CreateAsync(factory, LinkPermissions.Modify, member);

        var all = await admin.Client.GetFromJsonAsync<List<LinkDto>>("/api/admin/links");
        var listed = Assert.Single(all!);
        Assert.Equal(member.Email, listed.CreatorEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync($"/api/links/{link.Id}/log")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/links/{link.Id}")).StatusCode);

        var after = await member.Client.GetFromJsonAsync<LinkDto>($"/api/links/{link.Id}");
        Assert.Equal(LinkStatuses.Revoked, after!.Status);
        await TestAccounts.AssertProblemAsync(await member.Client.GetAsync("/api/admin/links"), HttpStatusCode.Forbidden, ErrorCodes.NotAnAdmin);
    }

    [Fact]
    public async Task CreateLink_TakesDefaultExpiryFromPolicy_AndRefusesBeyondMaximum()
    {
        var admin = await TestAccounts.CreateAsync(factory);
        await LinkKit.CreateOrganizationAsync(factory, admin, new OrganizationPolicyDto(true, false, DefaultLinkExpiryDays: 7, MaxLinkExpiryDays: 30));
        var file = await TestFiles.CreateFileAsync(admin.Client);
        var now = factory.Time.GetUtcNow();

        var defaulted = await admin.Client.PostAsJsonAsync("/api/links", LinkKit.NewRequest(file.Id, LinkPermissions.Access, LinkKit.NewToken()));
        var tooLong = await admin.Client.PostAsJsonAsync("/api/links",
            LinkKit.NewRequest(file.Id, LinkPermissions.Access, LinkKit.NewToken()) with { ExpiresAt = now.AddDays(31) });

        Assert.Equal(now.AddDays(7), (await defaulted.Content.ReadFromJsonAsync<LinkDto>())!.ExpiresAt);
        await TestAccounts.AssertProblemAsync(tooLong, HttpStatusCode.UnprocessableEntity, ErrorCodes.LinkExpiryTooLong);
    }

    private static async Task<HttpResponseMessage> Patch(TestLink link, UpdateLinkRequest request, int revision)
    {
        using var message = new HttpRequestMessage(HttpMethod.Patch, $"/api/links/{link.Id}") { Content = JsonContent.Create(request) };
        message.Headers.TryAddWithoutValidation("If-Match", $"\"{revision}\"");
        return await link.Owner.Client.SendAsync(message);
    }
}

/// <summary>A server whose new accounts are on the Personal plan.</summary>
public sealed class PersonalPlanFactory : LinkAppFactory
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Plans:Default"] = "Personal";
        return settings;
    }
}

public sealed class PersonalPlanLinkTests(PersonalPlanFactory factory) : IClassFixture<PersonalPlanFactory>
{
    [Fact]
    public async Task CreateLink_CooperativeOnPersonalPlan_IsRefused_PlainIsFine()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);

        var cooperative = await owner.Client.PostAsJsonAsync("/api/links", LinkKit.NewRequest(file.Id, LinkPermissions.Modify, LinkKit.NewToken()));
        var plain = await owner.Client.PostAsJsonAsync("/api/links", LinkKit.NewRequest(file.Id, LinkPermissions.Access, LinkKit.NewToken()));

        await TestAccounts.AssertProblemAsync(cooperative, HttpStatusCode.Forbidden, ErrorCodes.CooperativeLinksNotInPlan);
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
    }
}
