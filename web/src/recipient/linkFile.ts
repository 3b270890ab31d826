import type { LinkInfo, LinkVersion, RecipientApi, ContentPurpose } from '../api/recipient';
import { recipientMessage } from '../api/recipient';
import type { PreviewSource } from '../preview/previewSource';
import {
  fromBase64Url,
  Labels,
  openFileName,
  openMetadata,
  openStream,
  unwrapFileKeyFromLink,
  unwrapKey,
  type VersionMetadata,
} from '../crypto';

/** The link's file opened with the secret: its key and its name (both only ever in this page's memory). */
export interface OpenedLinkFile {
  fileId: string;
  extension: string;
  fileKey: Uint8Array<ArrayBuffer>;
  name: string;
}

/** A version with its content key and decrypted metadata; `problem` when its sealed values do not open. */
export interface OpenedVersion {
  version: LinkVersion;
  contentKey: Uint8Array<ArrayBuffer> | null;
  meta: VersionMetadata | null;
  problem: string | null;
}

export async function openLinkFile(secret: Uint8Array, info: LinkInfo): Promise<OpenedLinkFile> {
  const fileKey = await unwrapFileKeyFromLink(secret, info.linkId, info.fileId, fromBase64Url(info.wrappedFileKey));
  const name = await openFileName(fileKey, info.fileId, fromBase64Url(info.sealedName));
  return { fileId: info.fileId, extension: info.extension, fileKey, name };
}

export async function openVersion(file: OpenedLinkFile, version: LinkVersion): Promise<OpenedVersion> {
  try {
    const label = Labels.contentKeyWrap(file.fileId, version.contentId);
    const contentKey = await unwrapKey(file.fileKey, fromBase64Url(version.wrappedContentKey), label);
    const meta = await openMetadata(contentKey, file.fileId, version.contentId, fromBase64Url(version.sealedMetadata));
    return { version, contentKey, meta, problem: null };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { version, contentKey: null, meta: null, problem: `This version's keys or details do not open (${why}).` };
  }
}

export const openVersions = (file: OpenedLinkFile, versions: LinkVersion[]) => Promise.all(versions.map((v) => openVersion(file, v)));

/**
 * The decrypted content of a version as a stream (downloads and previews): the sealed ciphertext SHA-256 must equal the
 * server's record of the version before any byte is fetched; each segment is released only after its tag verifies; and the
 * stream errors at the end unless the size and the plaintext SHA-256 match the sealed metadata. The ciphertext is not
 * hashed again: the segment tags already prove it is the uploader's (CRYPTO.md §5.1).
 */
export async function plaintextOf(
  api: RecipientApi,
  file: OpenedLinkFile,
  opened: OpenedVersion,
  purpose: ContentPurpose,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array<ArrayBuffer>>> {
  if (!opened.contentKey || !opened.meta) throw new Error(opened.problem ?? 'This version cannot be opened.');
  if (opened.meta.ciphertextSha256 !== opened.version.ciphertextSha256) {
    throw new Error('The server’s record of this version does not match its sealed details; it was not opened.');
  }
  const response = await api.content(opened.version.number, purpose, signal);
  const binding = { contentKey: opened.contentKey, fileId: file.fileId, contentId: opened.version.contentId };
  return response.body!.pipeThrough(openStream(binding, { size: opened.meta.size, sha256: opened.meta.sha256 }));
}

/** What PreviewPane shows for a version opened through the link: fetched with purpose=preview (the server logs it so). */
export function recipientPreviewSource(api: RecipientApi, file: OpenedLinkFile, opened: OpenedVersion & { meta: VersionMetadata }): PreviewSource {
  return {
    key: `${file.fileId}/${opened.version.number}/${opened.version.contentId}`,
    number: opened.version.number,
    name: file.name,
    extension: file.extension,
    mediaType: opened.meta.mediaType,
    size: opened.meta.size,
    open: (signal) => plaintextOf(api, file, opened, 'preview', signal),
    describe: recipientMessage,
  };
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
