using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Files;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Files;

public sealed class FileTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    [Fact]
    public async Task CreateFile_StoresItWithVersionOne_FromTheUpload()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var content = TestFiles.NewCiphertext(5000);
        var uploadId = await TestFiles.UploadAsync(owner.Client, content);
        var request = TestFiles.NewFile(uploadId, "PDF");

        var response = await owner.Client.PostAsJsonAsync("/api/files", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/files/{request.Id}", response.Headers.Location!.OriginalString);
        var file = (await response.Content.ReadFromJsonAsync<FileDto>())!;
        Assert.Equal(request.Id, file.Id);
        Assert.Equal("pdf", file.Extension);
        Assert.Equal(request.SealedName, file.SealedName);
        Assert.Equal(request.WrappedFileKey, file.WrappedFileKey);
        Assert.Equal(1, file.CurrentVersion.Number);
        Assert.Equal(content.LongLength, file.CurrentVersion.CiphertextLength);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), file.CurrentVersion.CiphertextSha256);
        Assert.Equal(owner.Email, file.CurrentVersion.Uploader);
        Assert.Null(file.CurrentVersion.BasedOn);
        Assert.Equal(request.Version.WrappedContentKey, file.CurrentVersion.WrappedContentKey);

        var bytes = await owner.Client.GetByteArrayAsync($"/api/files/{file.Id}/versions/1/content");
        Assert.Equal(content, bytes);
    }

    [Fact]
    public async Task CreateFile_WithATakenId_Is409_AndTheUploadStaysUsable()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        var uploadId = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext());

        var duplicate = TestFiles.NewFile(uploadId) with { Id = file.Id };
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync("/api/files", duplicate), HttpStatusCode.Conflict, "duplicate-id");

        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync("/api/files", TestFiles.NewFile(uploadId))).StatusCode);
    }

    [Theory]
    [InlineData(".pdf")]
    [InlineData("tar.gz")]
    [InlineData("abcdefghijklmnopq")]
    [InlineData("pdf ")]
    public async Task CreateFile_WithABadExtension_IsAnInvalidRequest(string extension)
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var request = TestFiles.NewFile("0123456789abcdef0123456789abcdef", extension);
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync("/api/files", request), HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task CreateFile_WithBadKeysOrNames_IsAnInvalidRequest()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var good = TestFiles.NewFile("0123456789abcdef0123456789abcdef");
        CreateFileRequest[] bad =
        [
            good with { Id = Guid.Empty },
            good with { WrappedFileKey = TestFiles.NewSealedBox(31) },
            good with { SealedName = "not base64url!" },
            good with { Version = good.Version with { SealedMetadata = "" } },
            good with { Version = good.Version with { ContentId = Guid.Empty } },
        ];
        foreach (var request in bad)
        {
            await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync("/api/files", request), HttpStatusCode.BadRequest, "invalid-request");
        }
    }

    [Fact]
    public async Task CreateFile_FromAnIncompleteUpload_Is409()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var uploadId = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext(), sendBytes: 100);
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync("/api/files", TestFiles.NewFile(uploadId)), HttpStatusCode.Conflict, "upload-incomplete");
    }

    [Fact]
    public async Task CreateFile_FromAnotherAccountsUpload_Is404()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var stranger = await TestAccounts.CreateAsync(factory);
        var uploadId = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext());
        await TestAccounts.AssertProblemAsync(await stranger.Client.PostAsJsonAsync("/api/files", TestFiles.NewFile(uploadId)), HttpStatusCode.NotFound, "upload-not-found");
    }

    [Fact]
    public async Task CreateFile_WhoseUploadDeclaredAnotherExtension_Is422()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var uploadId = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext(), extension: "docx");
        await TestAccounts.AssertProblemAsync(await owner.Client.PostAsJsonAsync("/api/files", TestFiles.NewFile(uploadId, "pdf")), HttpStatusCode.UnprocessableEntity, "extension-mismatch");
    }

    [Fact]
    public async Task AnotherAccountsFile_IsNotFound_OnEveryRoute()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var stranger = await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        var uploadId = await TestFiles.UploadAsync(stranger.Client, TestFiles.NewCiphertext());
        var client = stranger.Client;

        HttpResponseMessage[] responses =
        [
            await client.GetAsync($"/api/files/{file.Id}"),
            await client.PatchAsJsonAsync($"/api/files/{file.Id}", new RenameRequest(TestFiles.NewSealedBox())),
            await client.PostAsJsonAsync($"/api/files/{file.Id}/move", new MoveFileRequest(null)),
            await client.PostAsync($"/api/files/{file.Id}/trash", null),
            await client.PostAsync($"/api/files/{file.Id}/restore", null),
            await client.GetAsync($"/api/files/{file.Id}/versions"),
            await client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(uploadId, "pdf", 1)),
            await client.PostAsync($"/api/files/{file.Id}/versions/1/make-current", null),
            await client.GetAsync($"/api/files/{file.Id}/versions/1/content"),
        ];
        foreach (var response in responses)
        {
            await TestAccounts.AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Empty((await client.GetFromJsonAsync<List<FileDto>>("/api/files"))!);
    }

    [Fact]
    public async Task RenameMoveTrashRestore_KeepTheFileIdentity()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var folder = new CreateFolderRequest(Guid.NewGuid(), null, TestFiles.NewSealedBox());
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync("/api/folders", folder)).StatusCode);
        var file = await TestFiles.CreateFileAsync(owner.Client);

        var newName = TestFiles.NewSealedBox(40);
        var renamed = await (await owner.Client.PatchAsJsonAsync($"/api/files/{file.Id}", new RenameRequest(newName))).Content.ReadFromJsonAsync<FileDto>();
        Assert.Equal(newName, renamed!.SealedName);

        var moved = await (await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/move", new MoveFileRequest(folder.Id))).Content.ReadFromJsonAsync<FileDto>();
        Assert.Equal(folder.Id, moved!.FolderId);
        Assert.Single((await owner.Client.GetFromJsonAsync<List<FileDto>>($"/api/files?folderId={folder.Id}"))!);
        Assert.Empty((await owner.Client.GetFromJsonAsync<List<FileDto>>("/api/files?folderId=root"))!);
        await TestAccounts.AssertProblemAsync(
            await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/move", new MoveFileRequest(Guid.NewGuid())), HttpStatusCode.NotFound, "parent-not-found");

        var trashed = await (await owner.Client.PostAsync($"/api/files/{file.Id}/trash", null)).Content.ReadFromJsonAsync<FileDto>();
        Assert.NotNull(trashed!.TrashedAt);
        Assert.Empty((await owner.Client.GetFromJsonAsync<List<FileDto>>("/api/files"))!);
        Assert.Single((await owner.Client.GetFromJsonAsync<List<FileDto>>("/api/files?trashed=true"))!);
        var uploadId = await TestFiles.UploadAsync(owner.Client, TestFiles.NewCiphertext());
        await TestAccounts.AssertProblemAsync(
            await owner.Client.PostAsJsonAsync($"/api/files/{file.Id}/versions", TestFiles.NewCommit(uploadId, "pdf", 1)), HttpStatusCode.Conflict, "file-trashed");

        var restored = await (await owner.Client.PostAsync($"/api/files/{file.Id}/restore", null)).Content.ReadFromJsonAsync<FileDto>();
        Assert.Null(restored!.TrashedAt);
        Assert.Equal(file.Id, restored.Id);
        Assert.Equal(file.CreatedAt, restored.CreatedAt);
        Assert.Equal(file.WrappedFileKey, restored.WrappedFileKey);
        Assert.Equal(file.CurrentVersion, restored.CurrentVersion);
    }
}
