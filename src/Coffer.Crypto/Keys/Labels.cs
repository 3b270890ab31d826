namespace Coffer.Crypto.Keys;

/// <summary>The labels of CRYPTO.md: HKDF info strings and the associated data that binds each box to its role and object.</summary>
public static class Labels
{
    public const string AuthKeyInfo = "coffer/v1/auth-key";
    public const string EncryptionKeyInfo = "coffer/v1/encryption-key";
    public const string NameKeyInfo = "coffer/v1/name-key";
    public const string MetadataKeyInfo = "coffer/v1/metadata-key";
    public const string LinkWrapKeyInfo = "coffer/v1/link/wrap-key";
    public const string LinkAuthTokenInfo = "coffer/v1/link/auth-token";

    public const string AccountKeyWrap = "coffer/v1/wrap/account-key";

    public static string OwnerFileKeyWrap(string fileId) => "coffer/v1/wrap/file-key/owner|" + fileId;

    public static string LinkFileKeyWrap(string linkId, string fileId) => "coffer/v1/wrap/file-key/link|" + linkId + "|" + fileId;

    public static string ContentKeyWrap(string fileId, string contentId) => "coffer/v1/wrap/content-key|" + fileId + "|" + contentId;

    public static string FileName(string fileId) => "coffer/v1/name/file|" + fileId;

    public static string FolderName(string folderId) => "coffer/v1/name/folder|" + folderId;

    public static string Metadata(string fileId, string contentId) => "coffer/v1/metadata|" + fileId + "|" + contentId;

    public static string StreamSegmentKeyInfo(string fileId, string contentId) => "coffer/v1/stream|" + fileId + "|" + contentId;
}
