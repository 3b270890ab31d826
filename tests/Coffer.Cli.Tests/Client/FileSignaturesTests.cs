using Coffer.Cli.Tests.Infrastructure;
using Coffer.Client.Files;
using Coffer.Client.Recipients;

namespace Coffer.Cli.Tests.Client;

public sealed class FileSignaturesTests
{
    [Fact]
    public void RealFiles_MatchTheirExtensions()
    {
        Assert.Null(FileSignatures.Check(RepositoryPaths.Fixture("report.pdf"), "pdf"));
        Assert.Null(FileSignatures.Check(RepositoryPaths.Fixture("photo.png"), "png"));
    }

    [Fact]
    public void APngNamedPdf_IsRefused() =>
        Assert.Contains("not a .pdf file", FileSignatures.Check(RepositoryPaths.Fixture("photo.png"), "pdf"), StringComparison.Ordinal);

    [Theory]
    [InlineData("docx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, true)]
    [InlineData("docx", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, false)]
    [InlineData("jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, true)]
    [InlineData("gif", new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, true)]
    [InlineData("gif", new byte[] { 0x89, 0x50, 0x4E, 0x47 }, false)]
    [InlineData("pdf", new byte[0], false)]
    [InlineData("txt", new byte[] { 0x00, 0x01 }, true)]
    public void Check_ComparesTheFirstBytes(string extension, byte[] head, bool accepted)
    {
        var path = Path.Combine(Path.GetTempPath(), "coffer-sig-" + Guid.NewGuid().ToString("N") + "." + extension);
        File.WriteAllBytes(path, head);
        try
        {
            Assert.Equal(accepted, FileSignatures.Check(path, extension) is null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CheckFormat_RefusesAnotherExtensionCaseInsensitively()
    {
        var upper = Path.Combine(Path.GetTempPath(), "coffer-" + Guid.NewGuid().ToString("N") + ".PDF");
        File.Copy(RepositoryPaths.Fixture("report.pdf"), upper);
        try
        {
            Assert.Null(RecipientSession.CheckFormat(upper, "pdf"));
            Assert.Contains("same format", RecipientSession.CheckFormat(upper, "docx"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(upper);
        }
    }
}
