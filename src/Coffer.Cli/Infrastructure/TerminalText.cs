using System.Buffers;
using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Coffer.Cli.Infrastructure;

/// <summary>
/// Makes text that someone else chose (file, version and folder names, emails, the server's problem details) safe to show on a
/// terminal: each C0 or C1 control character (U+0000–U+001F, U+007F–U+009F: ESC, BEL, CR, LF, TAB …), each bidi control
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) become a
/// visible escape: <c>\x1b</c> for a code point up to U+00FF, <c>\u202e</c> above. So a name can neither send escape sequences
/// (retitle, clear, recolour the terminal), nor reorder the text around it, nor split a line or a table row. For display only:
/// the escape is not reversible (a name may hold a backslash itself); <c>--json</c> carries the exact text.
/// </summary>
public static class TerminalText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F"
        + "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u2028\u2029");

    /// <summary>True for the characters <see cref="Safe"/> replaces.</summary>
    public static bool IsUnsafe(char c) => Unsafe.Contains(c);

    /// <summary><paramref name="text"/> with every control, bidi and separator character replaced by its visible escape; null is empty.</summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
            return text;
        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!Unsafe.Contains(c))
                builder.Append(c);
            else if (c <= '\u00FF')
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary><see cref="Safe"/>, then Spectre markup escaped (<c>[</c> and <c>]</c>): for a value inside markup or a table cell.</summary>
    public static string ForMarkup(string? text) => Markup.Escape(Safe(text));
}
