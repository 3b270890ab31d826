import * as tus from 'tus-js-client';
import { csrfToken } from '../../api/http';
import { files as filesApi, type FileItem, type Version } from '../../api/owner';
import { BlobSealer, formatModified, newKey, sealFileName, sealMetadata, toBase64Url, wrapContentKey, wrapOwnerFileKey, type VersionMetadata } from '../../crypto';
import { sealedFileReader, uploadChunkSize } from '../../upload/sealedFileReader';
import { extensionOf, fileKeyOf, mediaTypeOf } from './fileCrypto';

/** Where an upload is: sealing and sending (bytes of ciphertext), then committing. */
export interface UploadProgress {
  stage: 'sending' | 'finishing';
  sent: number;
  total: number;
}

export interface OwnerContext {
  accountKey: Uint8Array;
  email: string;
}

/** Sends the sealed stream with tus (resuming after dropped connections), and returns the upload id the commit names. */
export function sendSealed(sealer: BlobSealer, extension: string, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const csrf = csrfToken();
    const upload = new tus.Upload(new Blob([]), {
      endpoint: '/api/uploads',
      fileReader: sealedFileReader(sealer) as unknown as tus.UploadOptions['fileReader'],
      chunkSize: uploadChunkSize(sealer.header.segmentSize),
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata: { extension },
      headers: csrf ? { 'X-Coffer-Csrf': csrf } : {},
      // The sealer (CK, salt, nonces) lives in memory only, so a URL kept across reloads could not be resumed anyway.
      storeFingerprintForResuming: false,
      onProgress: (sent, total) => onProgress({ stage: 'sending', sent, total }),
      onSuccess: () => {
        const id = upload.url?.split('/').pop();
        if (id) resolve(id);
        else reject(new Error('The server did not name the upload.'));
      },
      onError: (error) => reject(new Error(tusErrorMessage(error))),
    });
    signal?.addEventListener('abort', () => {
      void upload.abort(true);
      reject(new DOMException('Upload cancelled.', 'AbortError'));
    });
    upload.start();
  });
}


function tusErrorMessage(error: Error): string {
  const response = (error as { originalResponse?: { getBody(): string } | null }).originalResponse;
  try {
    const problem = JSON.parse(response?.getBody() ?? '') as { detail?: string };
    if (problem.detail) return problem.detail;
  } catch {
    // not a problem document
  }
  return `The upload failed: ${error.message}`;
}

/** Seals one version's content and metadata: CK is new, the metadata records the plaintext and ciphertext digests. */
async function sealVersion(file: File, fileId: string, fileKey: Uint8Array, uploader: string, basedOn: number | null, onProgress: (p: UploadProgress) => void, signal?: AbortSignal) {
  const contentId = crypto.randomUUID();
  const contentKey = newKey();
  const extension = extensionOf(file.name);
  const sealer = await BlobSealer.create(file, { contentKey, fileId, contentId });
  const uploadId = await sendSealed(sealer, extension, onProgress, signal);
  onProgress({ stage: 'finishing', sent: sealer.ciphertextLength, total: sealer.ciphertextLength });
  const digests = await sealer.digests();
  const metadata: VersionMetadata = {
    name: file.name,
    size: file.size,
    sha256: digests.sha256,
    mediaType: mediaTypeOf(file),
    modified: formatModified(file.lastModified),
    uploader,
    ciphertextSha256: digests.ciphertextSha256,
    basedOn,
  };
  return {
    extension,
    ciphertextSha256: digests.ciphertextSha256,
    content: {
      uploadId,
      contentId,
      wrappedContentKey: toBase64Url(await wrapContentKey(fileKey, fileId, contentId, contentKey)),
      sealedMetadata: toBase64Url(await sealMetadata(contentKey, fileId, contentId, metadata)),
    },
  };
}

function checkStored(version: Version, ciphertextSha256: string) {
  if (version.ciphertextSha256 !== ciphertextSha256) throw new Error('The server stored different bytes than were sent (ciphertext SHA-256 differs).');
}

/** A new file in a folder (null: the root) with its first version. */
export async function uploadNewFile(ctx: OwnerContext, file: File, folderId: string | null, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<FileItem> {
  const fileId = crypto.randomUUID();
  const fileKey = newKey();
  const sealed = await sealVersion(file, fileId, fileKey, ctx.email, null, onProgress, signal);
  const created = await filesApi.create({
    id: fileId,
    folderId,
    extension: sealed.extension,
    sealedName: toBase64Url(await sealFileName(fileKey, fileId, file.name)),
    wrappedFileKey: toBase64Url(await wrapOwnerFileKey(ctx.accountKey, fileId, fileKey)),
    version: sealed.content,
  });
  checkStored(created.currentVersion, sealed.ciphertextSha256);
  return created;
}

/** The next version of an existing file; the format (extension) must stay the same, checked before any byte is sent. */
export async function uploadNewVersion(ctx: OwnerContext, target: FileItem, file: File, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<Version> {
  const extension = extensionOf(file.name);
  if (extension !== target.extension) throw new Error(sameFormatMessage(target.extension, extension));
  const fileKey = await fileKeyOf(ctx.accountKey, target);
  const basedOn = target.currentVersion.number;
  const sealed = await sealVersion(file, target.id, fileKey, ctx.email, basedOn, onProgress, signal);
  const response = await filesApi.commitVersion(target.id, { ...sealed.content, extension, basedOn });
  checkStored(response.version, sealed.ciphertextSha256);
  return response.version;
}

export function sameFormatMessage(expected: string, actual: string): string {
  const show = (ext: string) => (ext ? `.${ext}` : 'no extension');
  return `A new version must keep the file's format (${show(expected)}); this file has ${show(actual)}. Nothing was uploaded.`;
}
