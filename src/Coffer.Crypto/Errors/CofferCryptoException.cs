namespace Coffer.Crypto.Errors;

/// <summary>The one exception type Coffer.Crypto throws for bad input data; switch on <see cref="Kind"/>.</summary>
public sealed class CofferCryptoException : Exception
{
    public CofferCryptoException(CryptoErrorKind kind, string message)
        : base(message) => Kind = kind;

    public CofferCryptoException(CryptoErrorKind kind, string message, Exception innerException)
        : base(message, innerException) => Kind = kind;

    public CofferCryptoException()
        : this(CryptoErrorKind.Tampered, "Invalid Coffer crypto data.")
    {
    }

    public CofferCryptoException(string message)
        : this(CryptoErrorKind.Tampered, message)
    {
    }

    public CofferCryptoException(string message, Exception innerException)
        : this(CryptoErrorKind.Tampered, message, innerException)
    {
    }

    /// <summary>The kind of failure.</summary>
    public CryptoErrorKind Kind { get; }
}
