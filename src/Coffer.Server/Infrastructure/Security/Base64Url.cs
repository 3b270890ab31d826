namespace Coffer.Server.Infrastructure.Security;

/// <summary>Strict base64url without padding (CRYPTO.md §1).</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Decodes or throws <see cref="FormatException"/>; padding and white space are refused.</summary>
    public static byte[] Decode(string text)
    {
        if (text.Contains('=', StringComparison.Ordinal) || !System.Buffers.Text.Base64Url.IsValid(text) || text.Any(char.IsWhiteSpace))
        {
            throw new FormatException("Not base64url without padding.");
        }

        return System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }

    /// <summary>Decodes when valid and between <paramref name="minLength"/> and <paramref name="maxLength"/> bytes.</summary>
    public static bool TryDecode(string? text, int minLength, int maxLength, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        try
        {
            bytes = Decode(text);
        }
        catch (FormatException)
        {
            return false;
        }

        return bytes.Length >= minLength && bytes.Length <= maxLength;
    }
}
