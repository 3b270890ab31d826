/** The labels of CRYPTO.md: HKDF info strings and the associated data that binds each box to its role and object. */
export const Labels = {
  authKeyInfo: 'coffer/v1/auth-key',
  encryptionKeyInfo: 'coffer/v1/encryption-key',
  nameKeyInfo: 'coffer/v1/name-key',
  metadataKeyInfo: 'coffer/v1/metadata-key',
  linkWrapKeyInfo: 'coffer/v1/link/wrap-key',
  linkAuthTokenInfo: 'coffer/v1/link/auth-token',
  accountKeyWrap: 'coffer/v1/wrap/account-key',
  ownerFileKeyWrap: (fileId: string) => `coffer/v1/wrap/file-key/owner|${fileId}`,
  linkFileKeyWrap: (linkId: string, fileId: string) => `coffer/v1/wrap/file-key/link|${linkId}|${fileId}`,
  contentKeyWrap: (fileId: string, contentId: string) => `coffer/v1/wrap/content-key|${fileId}|${contentId}`,
  fileName: (fileId: string) => `coffer/v1/name/file|${fileId}`,
  folderName: (folderId: string) => `coffer/v1/name/folder|${folderId}`,
  metadata: (fileId: string, contentId: string) => `coffer/v1/metadata|${fileId}|${contentId}`,
  streamSegmentKeyInfo: (fileId: string, contentId: string) => `coffer/v1/stream|${fileId}|${contentId}`,
} as const;
