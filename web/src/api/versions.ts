/** One immutable version as both the owner and the recipient routes answer it (Contracts' VersionDto). */
export interface VersionDto {
  number: number;
  contentId: string;
  ciphertextLength: number;
  ciphertextSha256: string;
  createdAt: string;
  uploader: string;
  basedOn: number | null;
  restoredFrom: number | null;
  wrappedContentKey: string;
  sealedMetadata: string;
}
