using System.Security.Cryptography;
using Coffer.Crypto.Boxes;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Keys;

namespace Coffer.Crypto.Tests.Boxes;

public sealed class CofferBoxesTests
{
    private static readonly byte[] AccountKey = KeyDerivation.NewKey();
    private static readonly byte[] FileKey = KeyDerivation.NewKey();
    private static readonly string FileId = CofferIds.NewUuid();
    private static readonly string OtherFileId = CofferIds.NewUuid();

    [Fact]
    public void WrappedKeys_Are61Bytes_AndUseAFreshNonce()
    {
        var first = CofferBoxes.WrapFileKeyForOwner(AccountKey, FileKey, FileId);
        var second = CofferBoxes.WrapFileKeyForOwner(AccountKey, FileKey, FileId);

        Assert.Equal(61, first.Length);
        Assert.NotEqual(first, second);
        Assert.Equal(FileKey, CofferBoxes.UnwrapFileKeyForOwner(AccountKey, second, FileId));
    }

    public static TheoryData<string> Moves => new() { "owner-to-other-file", "link-to-other-link", "content-to-other-content", "content-to-other-file", "name-to-other-file", "folder-name-to-other-folder", "owner-as-link" };

    [Theory]
    [MemberData(nameof(Moves))]
    public void ABoxMovedToAnotherObjectOrRole_FailsAuthentication(string move)
    {
        var linkId = CofferIds.NewLinkId();
        var contentId = CofferIds.NewUuid();
        Action open = move switch
        {
            "owner-to-other-file" => () => CofferBoxes.UnwrapFileKeyForOwner(AccountKey, CofferBoxes.WrapFileKeyForOwner(AccountKey, FileKey, FileId), OtherFileId),
            "link-to-other-link" => () => CofferBoxes.UnwrapFileKeyForLink(AccountKey, CofferBoxes.WrapFileKeyForLink(AccountKey, FileKey, linkId, FileId), CofferIds.NewLinkId(), FileId),
            "content-to-other-content" => () => CofferBoxes.UnwrapContentKey(FileKey, CofferBoxes.WrapContentKey(FileKey, AccountKey, FileId, contentId), FileId, CofferIds.NewUuid()),
            "content-to-other-file" => () => CofferBoxes.UnwrapContentKey(FileKey, CofferBoxes.WrapContentKey(FileKey, AccountKey, FileId, contentId), OtherFileId, contentId),
            "name-to-other-file" => () => CofferBoxes.OpenFileName(FileKey, CofferBoxes.SealFileName(FileKey, "a.txt", FileId), OtherFileId),
            "folder-name-to-other-folder" => () => CofferBoxes.OpenFolderName(AccountKey, CofferBoxes.SealFolderName(AccountKey, "Docs", FileId), OtherFileId),
            "owner-as-link" => () => CofferBoxes.UnwrapFileKeyForLink(AccountKey, CofferBoxes.WrapFileKeyForOwner(AccountKey, FileKey, FileId), linkId, FileId),
            _ => throw new ArgumentOutOfRangeException(nameof(move)),
        };

        Assert.Equal(CryptoErrorKind.AuthenticationFailed, Assert.Throws<CofferCryptoException>(open).Kind);
    }

    [Fact]
    public void Names_RoundTripAsUtf8()
    {
        const string name = "Résumé 2026 — 📄.docx";

        Assert.Equal(name, CofferBoxes.OpenFileName(FileKey, CofferBoxes.SealFileName(FileKey, name, FileId), FileId));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(name) + Box.Overhead, CofferBoxes.SealFileName(FileKey, name, FileId).Length);
    }

    [Fact]
    public void UnwrapKey_RefusesWrongLengthsAndKeys()
    {
        var wrapped = CofferBoxes.WrapAccountKey(AccountKey, FileKey);

        Assert.Equal(CryptoErrorKind.Truncated, Assert.Throws<CofferCryptoException>(() => CofferBoxes.UnwrapAccountKey(AccountKey, wrapped[..60])).Kind);
        Assert.Equal(CryptoErrorKind.Tampered, Assert.Throws<CofferCryptoException>(() => CofferBoxes.UnwrapAccountKey(AccountKey, [.. wrapped, 0])).Kind);
        Assert.Equal(CryptoErrorKind.InvalidEncoding, Assert.Throws<CofferCryptoException>(() => CofferBoxes.WrapAccountKey(AccountKey[..16], FileKey)).Kind);
        Assert.Equal(CryptoErrorKind.AuthenticationFailed, Assert.Throws<CofferCryptoException>(() => CofferBoxes.UnwrapAccountKey(RandomNumberGenerator.GetBytes(32), wrapped)).Kind);
    }
}
