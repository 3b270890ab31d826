namespace Coffer.Crypto.Errors;

/// <summary>What went wrong when opening or parsing Coffer crypto data, so a caller can decide what to tell the user.</summary>
public enum CryptoErrorKind
{
    /// <summary>A GCM tag did not verify: a wrong key, a wrong label, or altered bytes (AES-GCM cannot tell them apart).</summary>
    AuthenticationFailed,

    /// <summary>The data ends early: inside the header, or without a segment that verifies as the final one.</summary>
    Truncated,

    /// <summary>The data is structurally impossible: bytes after the final segment, an empty final segment after others, a header field out of range.</summary>
    Tampered,

    /// <summary>The format version byte (stream header, box, metadata <c>v</c>) is not one this library knows.</summary>
    UnknownFormatVersion,

    /// <summary>The data does not start with the sealed-stream magic <c>COFS</c>.</summary>
    NotACofferStream,

    /// <summary>A value is not in its required encoding: bad base64url, a key of the wrong length, malformed metadata JSON or link URL.</summary>
    InvalidEncoding,

    /// <summary>A KDF parameter record names an unknown algorithm or parameters below the minimum.</summary>
    UnsupportedKdf,
}
