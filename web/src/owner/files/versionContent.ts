import { toApiError } from '../../api/http';
import { files as filesApi, type FileItem, type Version } from '../../api/owner';
import { openStream, type VersionMetadata } from '../../crypto';
import type { PreviewSource } from '../../preview/previewSource';
import { describeError } from '../ui';
import { fileKeyOf, openVersion } from './fileCrypto';

/** A version of one of the owner's files with its content key and sealed metadata opened and checked. */
export interface OwnerVersion {
  file: FileItem;
  version: Version;
  contentKey: Uint8Array;
  metadata: VersionMetadata;
}

/**
 * Opens a version's keys and metadata with the account key. The sealed ciphertext SHA-256 must equal the server's record of
 * the version, checked here, before any byte of content is fetched.
 */
export async function openOwnerVersion(accountKey: Uint8Array, file: FileItem, version: Version): Promise<OwnerVersion> {
  const fileKey = await fileKeyOf(accountKey, file);
  const { contentKey, metadata } = await openVersion(fileKey, file.id, version);
  if (metadata.ciphertextSha256 !== version.ciphertextSha256) {
    throw new Error('The server’s record of this version does not match its sealed details; it was not opened.');
  }
  return { file, version, contentKey, metadata };
}

/**
 * The decrypted content of a version as a stream, from the owner content route (downloads and previews alike): each segment
 * is released only after its tag verifies, and the stream errors at the end unless the size and the plaintext SHA-256 match
 * the sealed metadata. The ciphertext is not hashed again: the segment tags already prove it is the uploader's (CRYPTO.md §5.1).
 */
export async function ownerPlaintextOf(
  opened: OwnerVersion,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<ReadableStream<Uint8Array<ArrayBuffer>>> {
  const { file, version, contentKey, metadata } = opened;
  const response = await fetch(filesApi.contentPath(file.id, version.number), { credentials: 'same-origin', signal: options.signal });
  if (!response.ok || !response.body) throw await toApiError(response);
  let body: ReadableStream<Uint8Array> = response.body;
  const onProgress = options.onProgress;
  if (onProgress) {
    let received = 0;
    body = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          received += chunk.length;
          onProgress(received, version.ciphertextLength);
          controller.enqueue(chunk);
        },
      }),
    );
  }
  return body.pipeThrough(openStream({ contentKey, fileId: file.id, contentId: version.contentId }, { sha256: metadata.sha256, size: metadata.size }));
}

/** What PreviewPane shows for an owner's version: the same route and checks as a download, nothing held but the preview. */
export function ownerPreviewSource(opened: OwnerVersion, fileName: string | null): PreviewSource {
  return {
    key: `${opened.file.id}/${opened.version.number}/${opened.version.contentId}`,
    number: opened.version.number,
    name: fileName ?? opened.metadata.name,
    extension: opened.file.extension,
    mediaType: opened.metadata.mediaType,
    size: opened.metadata.size,
    open: (signal) => ownerPlaintextOf(opened, { signal }),
    describe: describeError,
  };
}
