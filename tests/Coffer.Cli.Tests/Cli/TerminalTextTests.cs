using System.Net;
using System.Text.Json;
using Coffer.Cli.Infrastructure;
using Coffer.Client.Http;
using Spectre.Console;

namespace Coffer.Cli.Tests.Cli;

/// <summary>The display sanitizer every name, email and server sentence goes through before it reaches a terminal.</summary>
public sealed class TerminalTextTests
{
    public static TheoryData<char> UnsafeCharacters()
    {
        var data = new TheoryData<char>();
        for (var c = '\u0000'; c <= '\u001F'; c++)
            data.Add(c);
        for (var c = '\u007F'; c <= '\u009F'; c++)
            data.Add(c);
        foreach (var c in "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u2028\u2029")
            data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(UnsafeCharacters))]
    public void Safe_ReplacesEachControlBidiAndSeparatorCharacter_WithAVisibleEscape(char c)
    {
        var shown = TerminalText.Safe("a" + c + "b");

        var expected = c <= '\u00FF' ? $"a\\x{(int)c:x2}b" : $"a\\u{(int)c:x4}b";
        Assert.Equal(expected, shown);
        Assert.DoesNotContain(shown, TerminalText.IsUnsafe);
    }

    [Fact]
    public void Safe_OfATerminalAttack_ShowsItAsText()
    {
        var name = "\u001b]0;pwned\u0007\u001b[2J\r\nx\t\u202Efdp.exe";

        Assert.Equal("\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x0ax\\x09\\u202efdp.exe", TerminalText.Safe(name));
    }

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("Café crème – Übersicht.pdf")]
    [InlineData("日本語のファイル.docx")]
    [InlineData("תקציב.xlsx")]
    [InlineData("émoji 🎉👩‍👩‍👧 done.png")]
    [InlineData("back\\slash [brackets] 100% $HOME.txt")]
    [InlineData("\u00A0nbsp\u00A0and\u00FFy.txt")]
    public void Safe_LeavesOrdinaryNamesUnchanged(string name)
    {
        Assert.Same(name, TerminalText.Safe(name));
    }

    [Fact]
    public void Safe_OfNullOrEmpty_IsEmpty()
    {
        Assert.Equal("", TerminalText.Safe(null));
        Assert.Equal("", TerminalText.Safe(""));
    }

    [Fact]
    public void ForMarkup_EscapesSpectreMarkupAfterTheControls()
    {
        Assert.Equal("[[red]]x[[/]]\\x1b[[0m", TerminalText.ForMarkup("[red]x[/]\u001b[0m"));
        // Escaped markup renders back to exactly the safe text.
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(writer) });
        console.Markup(TerminalText.ForMarkup("[bold]a\u0007b[/]"));
        Assert.Equal("[bold]a\\x07b[/]", writer.ToString());
    }

    [Fact]
    public void Describe_OfAServerProblem_ShowsItsDetailWithoutControlCharacters()
    {
        var problem = new CofferApiException(HttpStatusCode.Conflict, "conflict\u001b[2J", null, "The file \u001b]0;pwned\u0007x\n\u202Epdf.exe changed.");

        var (code, message) = CommandRunner.Describe(problem, CancellationToken.None);

        Assert.Equal(ExitCodes.Conflict, code);
        Assert.Equal("The file \\x1b]0;pwned\\x07x\\x0a\\u202epdf.exe changed. (conflict\\x1b[2J)", message);
    }

    [Fact]
    public void Describe_OfACliException_NamingAFile_IsSafeToo()
    {
        var (_, message) = CommandRunner.Describe(new CliException(ExitCodes.NotFound, "No file named \"a\u001b[31mb\r\"."), CancellationToken.None);

        Assert.Equal("No file named \"a\\x1b[31mb\\x0d\".", message);
    }

    [Fact]
    public void JsonOutput_EscapesControlAndBidiCharacters_AndRoundTripsTheExactName()
    {
        var name = "\u001b]0;pwned\u0007\u001b[2J\nx\u202E\u2028\u0085.pdf";
        var json = JsonSerializer.Serialize(new { name }, CliEnvironment.JsonOutput);

        Assert.DoesNotContain(json, c => TerminalText.IsUnsafe(c) && c != '\n');
        Assert.Contains("\\u001B]0;pwned\\u0007\\u001B[2J\\nx\\u202E\\u2028\\u0085.pdf", json, StringComparison.Ordinal);
        Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("name").GetString());
    }
}
