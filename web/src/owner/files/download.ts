import { toApiError } from '../../api/http';
import { files as filesApi, type FileItem, type Version } from '../../api/owner';
import { openStream } from '../../crypto';
import { downloadCapability, prepareSave } from '../../download/saveToDisk';
import { fileKeyOf, openVersion } from './fileCrypto';

/**
 * Saves one version to disk as a stream: the sealed ciphertext SHA-256 must equal the server's record of the version, each
 * segment is verified before it is written, and the plaintext SHA-256 and the size are compared with the sealed metadata at
 * the end (a mismatch fails the save). The ciphertext is not hashed again: the segment tags already prove it is the
 * uploader's (CRYPTO.md §5.1). Call from a click: the save location is asked for before any byte is fetched.
 */
export async function downloadVersion(accountKey: Uint8Array, file: FileItem, version: Version, onProgress?: (done: number, total: number) => void): Promise<void> {
  const fileKey = await fileKeyOf(accountKey, file);
  const { contentKey, metadata } = await openVersion(fileKey, file.id, version);
  if (metadata.ciphertextSha256 !== version.ciphertextSha256) {
    throw new Error('The server’s record of this version does not match its sealed details; it was not downloaded.');
  }
  const capability = await downloadCapability(metadata.size);
  if (capability.method === null) throw new Error(capability.reason);
  const save = await prepareSave({ fileName: metadata.name, size: metadata.size, mediaType: metadata.mediaType }, capability);
  const response = await fetch(filesApi.contentPath(file.id, version.number), { credentials: 'same-origin' });
  if (!response.ok || !response.body) throw await toApiError(response);
  let received = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.length;
        onProgress?.(received, version.ciphertextLength);
        controller.enqueue(chunk);
      },
    }),
  );
  const plaintext = counted.pipeThrough(openStream({ contentKey, fileId: file.id, contentId: version.contentId }, { sha256: metadata.sha256, size: metadata.size }));
  await save(plaintext);
}
