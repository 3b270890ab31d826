using Coffer.Client.Files;

namespace Coffer.Cli.Tests.Client;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\Windows\\system.ini", "system.ini")]
    [InlineData("/absolute/path/name.txt", "name.txt")]
    [InlineData("..", "fallback.bin")]
    [InlineData(".", "fallback.bin")]
    [InlineData("", "fallback.bin")]
    [InlineData("a/b/..", "fallback.bin")]
    [InlineData(".bashrc", "bashrc")]
    [InlineData(".hidden.pdf", "hidden.pdf")]
    [InlineData("...", "fallback.bin")]
    [InlineData(".pdf", "pdf")]
    [InlineData("CON", "fallback.bin")]
    [InlineData("nul.txt", "fallback.bin")]
    [InlineData("name\u0000with\u0007controls\n.txt", "namewithcontrols.txt")]
    [InlineData("right\u202Eto-left.txt", "rightto-left.txt")]
    [InlineData("trailing dots...", "trailing dots")]
    public void Sanitize_KeepsOnlyAPlainName(string untrusted, string expected) =>
        Assert.Equal(expected, SafeFileName.Sanitize(untrusted, "fallback.bin"));

    [Theory]
    [InlineData("a", 300)]
    [InlineData("é", 200)]
    [InlineData("😀", 70)]
    public void Sanitize_ShortensALongName_BeforeItsExtension_WithoutSplittingACharacter(string unit, int count)
    {
        var untrusted = string.Concat(Enumerable.Repeat(unit, count)) + ".pdf";

        var name = SafeFileName.Sanitize(untrusted, "fallback.bin");

        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(name), SafeFileName.MaxBytes - System.Text.Encoding.UTF8.GetByteCount(unit) + 1, SafeFileName.MaxBytes);
        var stem = name[..^4];
        Assert.Equal(string.Concat(Enumerable.Repeat(unit, stem.Length / unit.Length)), stem);
    }

    [Theory]
    [InlineData("../../escape.pdf")]
    [InlineData("/etc/cron.d/evil")]
    [InlineData("..")]
    [InlineData("sub/../../x")]
    public void InDirectory_NeverLeavesTheTargetDirectory(string untrusted)
    {
        var root = Path.Combine(Path.GetTempPath(), "coffer-safe-" + Guid.NewGuid().ToString("N"));
        var path = SafeFileName.InDirectory(root, untrusted, "download.pdf");
        Assert.Equal(Path.GetFullPath(root), Path.GetDirectoryName(path));
    }

    [Fact]
    public void OutputPaths_IntoADirectory_UsesTheSanitizedName()
    {
        var root = Directory.CreateTempSubdirectory("coffer-out-").FullName;
        try
        {
            Assert.Equal(Path.Combine(root, "evil.pdf"), OutputPaths.Resolve(root, "../../evil.pdf", "pdf"));
            Assert.Equal(Path.Combine(root, "download.pdf"), OutputPaths.Resolve(root + "/", "..", "pdf"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
