using Coffer.Crypto.Errors;

namespace Coffer.Crypto.Codecs;

/// <summary>RFC 4648 §5 base64url without padding, with a strict decoder (no padding, no white space, no other alphabet).</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length % 4 == 1)
            return false;
        foreach (var c in text)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
            if (!ok)
                return false;
        }

        var buffer = new byte[System.Buffers.Text.Base64Url.GetMaxDecodedLength(text.Length)];
        var status = System.Buffers.Text.Base64Url.DecodeFromChars(text, buffer, out var consumed, out var written);
        if (status != System.Buffers.OperationStatus.Done || consumed != text.Length)
            return false;
        var decoded = buffer[..written];
        // Non-canonical trailing bits (e.g. "AB" instead of "AA") would let two strings name the same bytes.
        if (!string.Equals(Encode(decoded), text, StringComparison.Ordinal))
            return false;
        bytes = decoded;
        return true;
    }

    public static byte[] Decode(string? text) =>
        TryDecode(text, out var bytes)
            ? bytes
            : throw new CofferCryptoException(CryptoErrorKind.InvalidEncoding, "The value is not valid unpadded base64url.");

    /// <summary>Decodes and requires an exact byte length (e.g. 32 for a key).</summary>
    public static byte[] Decode(string? text, int expectedLength)
    {
        var bytes = Decode(text);
        return bytes.Length == expectedLength
            ? bytes
            : throw new CofferCryptoException(CryptoErrorKind.InvalidEncoding, $"Expected {expectedLength} bytes, got {bytes.Length}.");
    }
}
