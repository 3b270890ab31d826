using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Accounts;

/// <summary>The server's slow hash of a client auth key: PBKDF2-SHA256 with its own salt, compared in constant time.</summary>
public sealed class AuthKeyHasher(IOptions<AccountsOptions> options)
{
    public const int AuthKeyLength = 32;
    private static readonly byte[] DummySalt = new byte[16];

    public (byte[] Hash, byte[] Salt, int Iterations) Hash(byte[] authKey)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var iterations = options.Value.AuthKeyHashIterations;
        return (Derive(authKey, salt, iterations), salt, iterations);
    }

    public static bool Verify(byte[] authKey, Account account) =>
        CryptographicOperations.FixedTimeEquals(Derive(authKey, account.AuthKeySalt, account.AuthKeyIterations), account.AuthKeyHash);

    /// <summary>Spends the same time as a verification, so an unknown email answers as slowly as a wrong key.</summary>
    public void WasteTime(byte[] authKey) => Derive(authKey, DummySalt, options.Value.AuthKeyHashIterations);

    private static byte[] Derive(byte[] authKey, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(authKey, salt, iterations, HashAlgorithmName.SHA256, 32);
}
