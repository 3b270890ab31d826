using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Files;
using Coffer.Contracts.Organizations;
using Coffer.Server.Features.Files;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Files;

/// <summary>The paged version list, <c>?before=&amp;limit=</c>, on an Enterprise account (every version available).</summary>
public sealed class VersionPagingTests(LinkAppFactory factory) : IClassFixture<LinkAppFactory>
{
    [Fact]
    public async Task CursorWalk_VisitsEveryAvailableVersionExactlyOnce_NewestFirst()
    {
        var (owner, file) = await EnterpriseFileAsync(23);

        var seen = new List<int>();
        var sizes = new List<int>();
        int? before = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await ListAsync(owner.Client, file.Id, before is { } b ? $"?before={b}&limit=5" : "?limit=5");
            Assert.Equal(23, page.Latest);
            Assert.Equal(23, page.AvailableCount);
            Assert.Equal(0, page.HiddenCount);
            seen.AddRange(page.Versions.Select(v => v.Number));
            sizes.Add(page.Versions.Count);
            if (page.NextBefore is null)
            {
                break;
            }

            Assert.Equal(page.Versions[^1].Number, page.NextBefore);
            before = page.NextBefore;
        }

        Assert.Equal(Enumerable.Range(1, 23).Reverse(), seen);
        Assert.Equal([5, 5, 5, 5, 3], sizes);
    }

    [Fact]
    public async Task Limit_DefaultsTo50_AcceptsUpTo200_AndBeforeStartsAnywhere()
    {
        var (owner, file) = await EnterpriseFileAsync(60);

        var first = await ListAsync(owner.Client, file.Id, "");
        Assert.Equal(Enumerable.Range(11, 50).Reverse(), first.Versions.Select(v => v.Number));
        Assert.Equal(11, first.NextBefore);
        Assert.Equal(60, first.AvailableCount);

        var largest = await ListAsync(owner.Client, file.Id, $"?limit={VersionPage.MaxLimit}");
        Assert.Equal(60, largest.Versions.Count);
        Assert.Null(largest.NextBefore);

        var one = await ListAsync(owner.Client, file.Id, "?limit=1");
        Assert.Equal(60, Assert.Single(one.Versions).Number);
        Assert.Equal(60, one.NextBefore);

        var deep = await ListAsync(owner.Client, file.Id, "?before=31&limit=3");
        Assert.Equal([30, 29, 28], deep.Versions.Select(v => v.Number));
        Assert.Equal(28, deep.NextBefore);

        var last = await ListAsync(owner.Client, file.Id, "?before=3&limit=2");
        Assert.Equal([2, 1], last.Versions.Select(v => v.Number));
        Assert.Null(last.NextBefore);

        Assert.Empty((await ListAsync(owner.Client, file.Id, "?before=1")).Versions);
        Assert.Equal(60, (await ListAsync(owner.Client, file.Id, "?before=1000&limit=1")).Versions[0].Number);
    }

    [Theory]
    [InlineData("before=0", "before")]
    [InlineData("before=-3", "before")]
    [InlineData("before=abc", "before")]
    [InlineData("before=1.5", "before")]
    [InlineData("before=", "before")]
    [InlineData("before=99999999999", "before")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-1", "limit")]
    public async Task InvalidPageParameters_Are400_NamingTheParameter_OnBothRoutes(string query, string parameter)
    {
        var link = await LinkKit.CreateAsync(factory);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);

        foreach (var response in new[]
                 {
                     await link.Owner.Client.GetAsync($"/api/files/{link.File.Id}/versions?{query}"),
                     await recipient.GetAsync($"/api/l/{link.Id}/versions?{query}"),
                 })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await TestAccounts.ReadProblemAsync(response);
            Assert.Equal(ErrorCodes.InvalidRequest, problem.GetProperty("errorCode").GetString());
            Assert.Equal(parameter, problem.GetProperty(VersionPage.ParameterKey).GetString());
            Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LinkInfo_CarriesOnlyTheFirstPage_AndVersionsBeyondItStayUsable()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        await LinkKit.CreateOrganizationAsync(factory, owner, new OrganizationPolicyDto(true, false, null, null), Plan.Enterprise);
        var link = await LinkKit.CreateAsync(factory, owner: owner);
        var second = TestFiles.NewCiphertext(777);
        await TestFiles.CommitAsync(owner.Client, link.File.Id, basedOn: 1, content: second);
        await MakeCurrentAsync(owner.Client, link.File.Id, 57);
        var recipient = await LinkKit.VerifiedRecipientAsync(factory, link);

        var info = (await recipient.GetFromJsonAsync<Coffer.Contracts.Links.LinkInfoDto>($"/api/l/{link.Id}"))!;
        Assert.Equal(Enumerable.Range(8, 50).Reverse(), info.Versions.Versions.Select(v => v.Number));
        Assert.Equal(8, info.Versions.NextBefore);
        Assert.Equal(57, info.Versions.AvailableCount);

        var rest = (await recipient.GetFromJsonAsync<VersionListDto>($"/api/l/{link.Id}/versions?before={info.Versions.NextBefore}"))!;
        Assert.Equal([7, 6, 5, 4, 3, 2, 1], rest.Versions.Select(v => v.Number));
        Assert.Null(rest.NextBefore);

        // Version 2 is not on the first page: its content, and making it current, work all the same.
        Assert.Equal(second, await recipient.GetByteArrayAsync($"/api/l/{link.Id}/versions/2/content?purpose=download"));
        var made = await recipient.PostAsync($"/api/l/{link.Id}/versions/2/make-current", null);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var version = (await made.Content.ReadFromJsonAsync<CommitVersionResponse>())!.Version;
        Assert.Equal((58, 2), (version.Number, version.RestoredFrom));
        Assert.Equal(second, await owner.Client.GetByteArrayAsync($"/api/files/{link.File.Id}/versions/58/content"));

        var refreshed = (await recipient.GetFromJsonAsync<Coffer.Contracts.Links.LinkInfoDto>($"/api/l/{link.Id}"))!;
        Assert.Equal(58, refreshed.Versions.Versions[0].Number);
        Assert.Equal(9, refreshed.Versions.NextBefore);
    }

    private async Task<(TestAccount Owner, FileDto File)> EnterpriseFileAsync(int versions)
    {
        var owner = await TestAccounts.CreateAsync(factory);
        await LinkKit.CreateOrganizationAsync(factory, owner, new OrganizationPolicyDto(true, false, null, null), Plan.Enterprise);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        await MakeCurrentAsync(owner.Client, file.Id, versions);
        return (owner, file);
    }

    /// <summary>Adds versions until the file has <paramref name="versions"/>: "make it current" of the latest, no upload needed.</summary>
    internal static async Task MakeCurrentAsync(HttpClient client, Guid fileId, int versions)
    {
        var latest = (await client.GetFromJsonAsync<VersionListDto>($"/api/files/{fileId}/versions?limit=1"))!.Latest;
        for (var n = latest; n < versions; n++)
        {
            var response = await client.PostAsync($"/api/files/{fileId}/versions/{n}/make-current", null);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    private static async Task<VersionListDto> ListAsync(HttpClient client, Guid fileId, string query)
    {
        var response = await client.GetAsync($"/api/files/{fileId}/versions{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VersionListDto>())!;
    }
}
