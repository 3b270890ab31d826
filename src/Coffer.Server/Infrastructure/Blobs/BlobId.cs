using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Coffer.Server.Infrastructure.Blobs;

/// <summary>An opaque, server-generated random identifier (32 lowercase hex digits) naming stored bytes; never derived from user input.</summary>
public readonly record struct BlobId
{
    private const int Length = 32;

    private BlobId(string value) => Value = value;

    /// <summary>The 32 lowercase hex digits; safe to use as a file name.</summary>
    public string Value { get; }

    /// <summary>Creates a fresh id from 128 random bits.</summary>
    public static BlobId New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2)));

    /// <summary>Accepts only exactly 32 lowercase hex digits, so a hostile value never reaches a file system path.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out BlobId id)
    {
        id = default;
        if (value is null || value.Length != Length)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }
        id = new BlobId(value);
        return true;
    }

    /// <summary>Parses an id read from our own storage (database, info files); throws when it is not one.</summary>
    public static BlobId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException("Not a blob id.");

    public override string ToString() => Value ?? string.Empty;
}
