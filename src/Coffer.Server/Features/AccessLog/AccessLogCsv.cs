using System.Globalization;
using System.Text;
using Coffer.Contracts.Links;

namespace Coffer.Server.Features.AccessLog;

/// <summary>CSV (RFC 4180) of access-log rows, with cells that a spreadsheet would run as a formula defused by a leading <c>'</c>.</summary>
public static class AccessLogCsv
{
    public const string Header = "sequence,at,linkId,fileId,action,actor,version,ip,userAgent,detail,previousHash,hash\r\n";

    public static string Row(AccessLogEntryDto entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string?[] cells =
        [
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            entry.LinkId,
            entry.FileId.ToString("D"),
            entry.Action,
            entry.Actor,
            entry.Version?.ToString(CultureInfo.InvariantCulture),
            entry.Ip,
            entry.UserAgent,
            entry.Detail,
            entry.PreviousHash,
            entry.Hash,
        ];
        return string.Join(',', cells.Select(Cell)) + "\r\n";
    }

    /// <summary>One cell: formula triggers prefixed with <c>'</c>, then quoted when it holds a comma, quote or line break.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        return new StringBuilder(value.Length + 2).Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
