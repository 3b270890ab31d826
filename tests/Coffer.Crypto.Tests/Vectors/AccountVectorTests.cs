using Coffer.Crypto.Boxes;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Tests.Support;

namespace Coffer.Crypto.Tests.Vectors;

public sealed class AccountVectorTests
{
    public static TheoryData<string> Cases => VectorFiles.Names("account.json", "cases");

    [Fact]
    public void File_IsMarkedTestOnly() => Assert.True(VectorFiles.Load("account.json").GetProperty("testOnly").GetBoolean());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Derivations_ReproduceTheVector(string name)
    {
        var v = VectorFiles.Case("account.json", "cases", name);
        var kdfJson = v.GetProperty("kdf");
        var kdf = new KdfParameters(kdfJson.Text("algorithm"), kdfJson.Int("iterations"), kdfJson.Text("salt"));

        var masterKey = AccountKeys.DeriveMasterKey(v.Text("password"), kdf, minimumIterations: 1);
        var authKey = AccountKeys.DeriveAuthKey(masterKey);
        var encryptionKey = AccountKeys.DeriveEncryptionKey(masterKey);

        Assert.Equal(v.Hex("passwordNfcUtf8"), AccountKeys.PasswordBytes(v.Text("password")));
        Assert.Equal(v.Hex("masterKey"), masterKey);
        Assert.Equal(v.Hex("authKey"), authKey);
        Assert.Equal(v.Text("authKeyBase64Url"), Base64Url.Encode(authKey));
        Assert.Equal(v.Hex("encryptionKey"), encryptionKey);
        Assert.Equal(v.Text("wrappedAccountKey"), Base64Url.Encode(Box.SealWithNonce(encryptionKey, v.Hex("accountKey"), v.Text("accountKeyLabel"), v.Hex("nonce"))));
        Assert.Equal(v.Hex("accountKey"), CofferBoxes.UnwrapAccountKey(encryptionKey, Base64Url.Decode(v.Text("wrappedAccountKey"))));
    }

    [Fact]
    public void DecomposedAndComposedPasswords_DeriveTheSameMasterKey()
    {
        var kdf = new KdfParameters(KdfParameters.Pbkdf2Sha256, 1000, Base64Url.Encode(new byte[16]));

        Assert.Equal(
            AccountKeys.DeriveMasterKey("Caf\u00e9", kdf, minimumIterations: 1),
            AccountKeys.DeriveMasterKey("Cafe\u0301", kdf, minimumIterations: 1));
    }

    [Fact]
    public void PublicDerivation_RefusesTheTestOnlyIterationCount()
    {
        var v = VectorFiles.Case("account.json", "cases", "ascii");
        var kdfJson = v.GetProperty("kdf");
        var kdf = new KdfParameters(kdfJson.Text("algorithm"), kdfJson.Int("iterations"), kdfJson.Text("salt"));

        var error = Assert.Throws<CofferCryptoException>(() => AccountKeys.DeriveMasterKey(v.Text("password"), kdf));

        Assert.Equal(CryptoErrorKind.UnsupportedKdf, error.Kind);
    }

    [Fact]
    public void Derivation_RefusesAnUnknownAlgorithm()
    {
        var kdf = KdfParameters.CreateNew() with { Algorithm = "argon2id" };

        var error = Assert.Throws<CofferCryptoException>(() => AccountKeys.DeriveMasterKey("pw", kdf));

        Assert.Equal(CryptoErrorKind.UnsupportedKdf, error.Kind);
    }

    [Fact]
    public void NewParameters_MeetTheMinimum()
    {
        var kdf = KdfParameters.CreateNew();

        Assert.Equal("pbkdf2-sha256", kdf.Algorithm);
        Assert.Equal(600_000, kdf.Iterations);
        Assert.Equal(16, Base64Url.Decode(kdf.Salt).Length);
    }

    [Fact]
    public void NormalizeEmail_TrimsAndLowerCases() => Assert.Equal("alice@example.com", AccountKeys.NormalizeEmail("  Alice@Example.COM \t"));
}
