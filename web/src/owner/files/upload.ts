import * as tus from 'tus-js-client';
import { ApiError, csrfToken } from '../../api/http';
import { files as filesApi, type FileItem, type Version } from '../../api/owner';
import { formatModified, sealFileName, sealMetadata, toBase64Url, type VersionMetadata } from '../../crypto';
import { sealedFileReader, uploadChunkSize } from '../../upload/sealedFileReader';
import { extensionOf, fileKeyOf, mediaTypeOf } from './fileCrypto';
import { prepareUpload, type PreparedUpload } from './resumableUpload';

/** Where an upload is: sealing and sending (bytes of ciphertext), then committing. */
export interface UploadProgress {
  stage: 'sending' | 'finishing';
  sent: number;
  total: number;
}

export interface OwnerContext {
  accountKey: Uint8Array;
  accountId: string;
  email: string;
}

/**
 * Sends the sealed stream with tus and returns the upload id the commit names. It continues at the server's offset (HEAD)
 * when the saved state names an upload, keeps the URL in that state once the server names one, and forgets the state when
 * the server no longer knows the upload (tus then creates a new one, which is saved again).
 */
export function sendSealed(upload: PreparedUpload, extension: string, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const csrf = csrfToken();
    const tusUpload = new tus.Upload(new Blob([]), {
      endpoint: '/api/uploads',
      uploadUrl: upload.saved.uploadUrl,
      fileReader: sealedFileReader(upload.sealer) as unknown as tus.UploadOptions['fileReader'],
      chunkSize: uploadChunkSize(upload.sealer.header.segmentSize),
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata: { extension },
      headers: csrf ? { 'X-Coffer-Csrf': csrf } : {},
      // The resume state is ours (keys wrapped), not tus-js-client's fingerprint store.
      storeFingerprintForResuming: false,
      onUploadUrlAvailable: () => {
        upload.saved.uploadUrl = tusUpload.url;
        upload.save();
      },
      onAfterResponse: (req, res) => {
        if (req.getMethod() === 'HEAD' && [404, 410].includes(res.getStatus())) upload.forget();
      },
      onProgress: (sent, total) => onProgress({ stage: 'sending', sent, total }),
      onSuccess: () => {
        const id = tusUpload.url?.split('/').pop();
        if (id) resolve(id);
        else reject(new Error('The server did not name the upload.'));
      },
      onError: (error) => reject(new Error(tusErrorMessage(error))),
    });
    signal?.addEventListener('abort', () => {
      void tusUpload.abort(true);
      upload.forget();
      reject(new DOMException('Upload cancelled.', 'AbortError'));
    });
    tusUpload.start();
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
  return `The upload stopped (${error.message}). Drop or choose the same file again to continue where it stopped.`;
}

/** Sends one version's content and seals its metadata (which records the plaintext and ciphertext digests). */
async function sealVersion(upload: PreparedUpload, file: File, uploader: string, basedOn: number | null, onProgress: (p: UploadProgress) => void, signal?: AbortSignal) {
  const { saved, sealer } = upload;
  const extension = extensionOf(file.name);
  const uploadId = await sendSealed(upload, extension, onProgress, signal);
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
      contentId: saved.contentId,
      wrappedContentKey: saved.wrappedContentKey,
      sealedMetadata: toBase64Url(await sealMetadata(upload.contentKey, saved.fileId, saved.contentId, metadata)),
    },
  };
}

/** Commits, then forgets the resume state; a commit the server can no longer match to the upload forgets it too. */
async function commitOrForget<T>(upload: PreparedUpload, commit: () => Promise<T>): Promise<T> {
  try {
    const result = await commit();
    upload.forget();
    return result;
  } catch (error) {
    if (error instanceof ApiError && ['upload-not-found', 'upload-expired'].includes(error.errorCode)) upload.forget();
    throw error;
  }
}

function checkStored(version: Version, ciphertextSha256: string) {
  if (version.ciphertextSha256 !== ciphertextSha256) throw new Error('The server stored different bytes than were sent (ciphertext SHA-256 differs).');
}

/** A new file in a folder (null: the root) with its first version; an interrupted upload of the same file resumes. */
export async function uploadNewFile(ctx: OwnerContext, file: File, folderId: string | null, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<FileItem> {
  const upload = await prepareUpload(ctx.accountKey, ctx.accountId, { kind: 'new-file', folderId }, file);
  const { fileId, wrappedFileKey } = upload.saved;
  const sealed = await sealVersion(upload, file, ctx.email, null, onProgress, signal);
  const created = await commitOrForget(upload, async () =>
    filesApi.create({
      id: fileId,
      folderId,
      extension: sealed.extension,
      sealedName: toBase64Url(await sealFileName(upload.fileKey, fileId, file.name)),
      wrappedFileKey: wrappedFileKey!,
      version: sealed.content,
    }),
  );
  checkStored(created.currentVersion, sealed.ciphertextSha256);
  return created;
}

/** The next version of an existing file; the format (extension) must stay the same, checked before any byte is sent. */
export async function uploadNewVersion(ctx: OwnerContext, target: FileItem, file: File, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<Version> {
  const extension = extensionOf(file.name);
  if (extension !== target.extension) throw new Error(sameFormatMessage(target.extension, extension));
  const fileKey = await fileKeyOf(ctx.accountKey, target);
  const basedOn = target.currentVersion.number;
  const upload = await prepareUpload(ctx.accountKey, ctx.accountId, { kind: 'version', fileId: target.id, fileKey }, file);
  const sealed = await sealVersion(upload, file, ctx.email, basedOn, onProgress, signal);
  const response = await commitOrForget(upload, () => filesApi.commitVersion(target.id, { ...sealed.content, extension, basedOn }));
  checkStored(response.version, sealed.ciphertextSha256);
  return response.version;
}

export function sameFormatMessage(expected: string, actual: string): string {
  const show = (ext: string) => (ext ? `.${ext}` : 'no extension');
  return `A new version must keep the file's format (${show(expected)}); this file has ${show(actual)}. Nothing was uploaded.`;
}
