using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Files;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Files;

public sealed class FolderTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private static async Task<FolderDto> CreateAsync(HttpClient client, Guid? parentId = null)
    {
        var response = await client.PostAsJsonAsync("/api/folders", new CreateFolderRequest(Guid.NewGuid(), parentId, TestFiles.NewSealedBox()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FolderDto>())!;
    }

    [Fact]
    public async Task Folders_CreateListRenameMove()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var top = await CreateAsync(owner.Client);
        var child = await CreateAsync(owner.Client, top.Id);
        var other = await CreateAsync(owner.Client);

        var list = await owner.Client.GetFromJsonAsync<List<FolderDto>>("/api/folders");
        Assert.Equal(new[] { top.Id, child.Id, other.Id }.Order(), list!.Select(f => f.Id).Order());
        Assert.Equal(top.Id, list!.Single(f => f.Id == child.Id).ParentId);

        var name = TestFiles.NewSealedBox(50);
        var renamed = await (await owner.Client.PatchAsJsonAsync($"/api/folders/{child.Id}", new RenameRequest(name))).Content.ReadFromJsonAsync<FolderDto>();
        Assert.Equal(name, renamed!.SealedName);

        var moved = await (await owner.Client.PostAsJsonAsync($"/api/folders/{child.Id}/move", new MoveFolderRequest(other.Id))).Content.ReadFromJsonAsync<FolderDto>();
        Assert.Equal(other.Id, moved!.ParentId);
        var toRoot = await (await owner.Client.PostAsJsonAsync($"/api/folders/{child.Id}/move", new MoveFolderRequest(null))).Content.ReadFromJsonAsync<FolderDto>();
        Assert.Null(toRoot!.ParentId);
    }

    [Fact]
    public async Task Folder_CannotMoveIntoItsOwnSubtree()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var top = await CreateAsync(owner.Client);
        var child = await CreateAsync(owner.Client, top.Id);
        var grandchild = await CreateAsync(owner.Client, child.Id);

        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync($"/api/folders/{top.Id}/move", new MoveFolderRequest(grandchild.Id)), HttpStatusCode.Conflict, "folder-cycle");
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync($"/api/folders/{top.Id}/move", new MoveFolderRequest(top.Id)), HttpStatusCode.Conflict, "folder-cycle");
    }

    [Fact]
    public async Task Folder_DuplicateId_AndForeignParent_AreRefused()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var stranger = await TestAccounts.CreateAsync(factory);
        var folder = await CreateAsync(owner.Client);

        await TestAccounts.AssertProblemAsync(
            await stranger.Client.PostAsJsonAsync("/api/folders", new CreateFolderRequest(folder.Id, null, TestFiles.NewSealedBox())), HttpStatusCode.Conflict, "duplicate-id");
        await TestAccounts.AssertProblemAsync(
            await stranger.Client.PostAsJsonAsync("/api/folders", new CreateFolderRequest(Guid.NewGuid(), folder.Id, TestFiles.NewSealedBox())), HttpStatusCode.NotFound, "parent-not-found");
        await TestAccounts.AssertProblemAsync(
            await stranger.Client.PatchAsJsonAsync($"/api/folders/{folder.Id}", new RenameRequest(TestFiles.NewSealedBox())), HttpStatusCode.NotFound, "not-found");
        await TestAccounts.AssertProblemAsync(
            await stranger.Client.PostAsJsonAsync($"/api/folders/{folder.Id}/move", new MoveFolderRequest(null)), HttpStatusCode.NotFound, "not-found");
        Assert.Empty((await stranger.Client.GetFromJsonAsync<List<FolderDto>>("/api/folders"))!);
    }
}
