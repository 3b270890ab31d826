using Coffer.Crypto.Keys;

namespace Coffer.Crypto.Boxes;

/// <summary>Every box of the key hierarchy by use, so callers never assemble a label or derive a sealing key by hand.</summary>
public static class CofferBoxes
{
    public static byte[] WrapAccountKey(ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<byte> accountKey) =>
        Box.WrapKey(encryptionKey, accountKey, Labels.AccountKeyWrap);

    public static byte[] UnwrapAccountKey(ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<byte> wrapped) =>
        Box.UnwrapKey(encryptionKey, wrapped, Labels.AccountKeyWrap);

    public static byte[] WrapFileKeyForOwner(ReadOnlySpan<byte> accountKey, ReadOnlySpan<byte> fileKey, string fileId) =>
        Box.WrapKey(accountKey, fileKey, Labels.OwnerFileKeyWrap(fileId));

    public static byte[] UnwrapFileKeyForOwner(ReadOnlySpan<byte> accountKey, ReadOnlySpan<byte> wrapped, string fileId) =>
        Box.UnwrapKey(accountKey, wrapped, Labels.OwnerFileKeyWrap(fileId));

    public static byte[] WrapFileKeyForLink(ReadOnlySpan<byte> linkWrapKey, ReadOnlySpan<byte> fileKey, string linkId, string fileId) =>
        Box.WrapKey(linkWrapKey, fileKey, Labels.LinkFileKeyWrap(linkId, fileId));

    public static byte[] UnwrapFileKeyForLink(ReadOnlySpan<byte> linkWrapKey, ReadOnlySpan<byte> wrapped, string linkId, string fileId) =>
        Box.UnwrapKey(linkWrapKey, wrapped, Labels.LinkFileKeyWrap(linkId, fileId));

    public static byte[] WrapContentKey(ReadOnlySpan<byte> fileKey, ReadOnlySpan<byte> contentKey, string fileId, string contentId) =>
        Box.WrapKey(fileKey, contentKey, Labels.ContentKeyWrap(fileId, contentId));

    public static byte[] UnwrapContentKey(ReadOnlySpan<byte> fileKey, ReadOnlySpan<byte> wrapped, string fileId, string contentId) =>
        Box.UnwrapKey(fileKey, wrapped, Labels.ContentKeyWrap(fileId, contentId));

    public static byte[] SealFileName(ReadOnlySpan<byte> fileKey, string name, string fileId) =>
        Box.Seal(KeyDerivation.NameKey(fileKey), Utf8(name), Labels.FileName(fileId));

    public static string OpenFileName(ReadOnlySpan<byte> fileKey, ReadOnlySpan<byte> box, string fileId) =>
        FromUtf8(Box.Open(KeyDerivation.NameKey(fileKey), box, Labels.FileName(fileId)));

    public static byte[] SealFolderName(ReadOnlySpan<byte> accountKey, string name, string folderId) =>
        Box.Seal(KeyDerivation.NameKey(accountKey), Utf8(name), Labels.FolderName(folderId));

    public static string OpenFolderName(ReadOnlySpan<byte> accountKey, ReadOnlySpan<byte> box, string folderId) =>
        FromUtf8(Box.Open(KeyDerivation.NameKey(accountKey), box, Labels.FolderName(folderId)));

    internal static byte[] Utf8(string text) => new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(text);

    internal static string FromUtf8(byte[] bytes)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new Errors.CofferCryptoException(Errors.CryptoErrorKind.InvalidEncoding, "The sealed text is not valid UTF-8.", e);
        }
    }
}
