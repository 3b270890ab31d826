import { Upload, type UploadOptions } from 'tus-js-client';
import { ApiError } from '../api/http';
import type { CommitVersionRequest, CommitVersionResponse, RecipientApi } from '../api/recipient';
import {
  BlobSealer,
  formatModified,
  fromBase64Url,
  Labels,
  randomBytes,
  sealMetadata,
  toBase64Url,
  wrapKey,
  NONCE_PREFIX_LENGTH,
  SALT_LENGTH,
} from '../crypto';
import { loadSaved, resumeKey, type UploadStore } from '../upload/resumeStore';
import { sealedFileReader, uploadChunkSize } from '../upload/sealedFileReader';
import { extensionOf } from './formatCheck';
import { mediaTypeOf } from './mediaType';

/**
 * What a reload needs to resume an upload of the same file: the tus URL and the stream's secrets. This puts a content key in
 * the browser's storage for the duration of the upload; it is deleted when the version is committed (or abandoned).
 */
export interface ResumableUpload {
  uploadUrl: string | null;
  contentId: string;
  contentKey: string;
  salt: string;
  noncePrefix: string;
}

export { resumeKey, type UploadStore };

export function loadResumable(store: UploadStore, key: string): ResumableUpload | null {
  return loadSaved<ResumableUpload>(store, key, (saved) => {
    fromBase64Url(saved.contentKey, 32);
    fromBase64Url(saved.salt, SALT_LENGTH);
    fromBase64Url(saved.noncePrefix, NONCE_PREFIX_LENGTH);
  });
}

export interface VersionUploadRequest {
  api: RecipientApi;
  fileId: string;
  fileKey: Uint8Array;
  /** The verified email of this recipient (sealed into the metadata as the uploader). */
  uploader: string;
  /** The version the page was showing when the upload started. */
  basedOn: number;
  file: File;
  onProgress?: (sent: number, total: number) => void;
  onPhase?: (phase: 'uploading' | 'hashing' | 'committing') => void;
  store?: UploadStore;
}

export interface VersionUploadResult {
  response: CommitVersionResponse;
  resumedFrom: number;
}

/** Seals the file slice by slice, sends it with tus (resumable), then commits it as the link's next version. */
export async function uploadVersion(request: VersionUploadRequest): Promise<VersionUploadResult> {
  const { api, file, fileId } = request;
  const store = request.store ?? localStorage;
  const key = resumeKey(api.linkId, file);
  const saved = loadResumable(store, key);
  const state: ResumableUpload = saved ?? {
    uploadUrl: null,
    contentId: crypto.randomUUID(),
    contentKey: toBase64Url(randomBytes(32)),
    salt: toBase64Url(randomBytes(SALT_LENGTH)),
    noncePrefix: toBase64Url(randomBytes(NONCE_PREFIX_LENGTH)),
  };
  store.setItem(key, JSON.stringify(state));
  const contentKey = fromBase64Url(state.contentKey, 32);
  const sealer = await BlobSealer.create(
    file,
    { contentKey, fileId, contentId: state.contentId },
    { salt: fromBase64Url(state.salt), noncePrefix: fromBase64Url(state.noncePrefix) },
  );
  const extension = extensionOf(file.name);

  request.onPhase?.('uploading');
  let resumedFrom = 0;
  const uploadUrl = await new Promise<string>((resolve, reject) => {
    const upload: Upload = new Upload(file, {
      endpoint: api.uploadsEndpoint(),
      uploadUrl: state.uploadUrl,
      fileReader: sealedFileReader(sealer) as unknown as UploadOptions['fileReader'],
      chunkSize: uploadChunkSize(sealer.header.segmentSize),
      headers: api.headers,
      metadata: { extension },
      storeFingerprintForResuming: false,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      onUploadUrlAvailable: () => {
        state.uploadUrl = upload.url;
        store.setItem(key, JSON.stringify(state));
      },
      onAfterResponse: (req, res) => {
        if (req.getMethod() === 'HEAD' && res.getStatus() === 200) resumedFrom = Number(res.getHeader('Upload-Offset') ?? 0);
      },
      onProgress: (sent, total) => request.onProgress?.(sent, total),
      onSuccess: () => resolve(upload.url!),
      onError: (error) => reject(uploadError(error)),
    });
    upload.start();
  });

  request.onPhase?.('hashing');
  const digests = await sealer.digests();
  const uploadId = uploadUrl.slice(uploadUrl.lastIndexOf('/') + 1);
  const meta = {
    name: file.name,
    size: file.size,
    sha256: digests.sha256,
    mediaType: mediaTypeOf(file.type, extension),
    modified: formatModified(file.lastModified),
    uploader: request.uploader,
    ciphertextSha256: digests.ciphertextSha256,
    basedOn: request.basedOn,
  };
  request.onPhase?.('committing');
  const response = await commitOrForget(store, key, {
    uploadId,
    contentId: state.contentId,
    extension,
    wrappedContentKey: toBase64Url(await wrapKey(request.fileKey, contentKey, Labels.contentKeyWrap(fileId, state.contentId))),
    sealedMetadata: toBase64Url(await sealMetadata(contentKey, fileId, state.contentId, meta)),
    basedOn: request.basedOn,
  }, api);
  store.removeItem(key);
  return { response, resumedFrom };
}

/** Forgets a resumable upload (and its content key), e.g. when the server no longer knows it. */
export function forgetUpload(linkId: string, file: File, store: UploadStore = localStorage): void {
  store.removeItem(resumeKey(linkId, file));
}


/** A commit the server can no longer match to the upload (expired, swept) forgets the saved state, so the next try starts afresh. */
async function commitOrForget(store: UploadStore, key: string, request: CommitVersionRequest, api: RecipientApi): Promise<CommitVersionResponse> {
  try {
    return await api.commit(request);
  } catch (error) {
    if (error instanceof ApiError && ['upload-not-found', 'upload-expired'].includes(error.errorCode)) store.removeItem(key);
    throw error;
  }
}

/** A tus failure as the page explains it: the server's problem when it sent one, else a dropped connection that can resume. */
export function uploadError(error: Error & { originalResponse?: { getStatus(): number; getBody(): string } | null }): Error {
  const response = error.originalResponse;
  if (response) {
    try {
      const problem = JSON.parse(response.getBody()) as { errorCode?: string; detail?: string };
      if (problem.errorCode) return new ApiError(response.getStatus(), problem.errorCode, problem.detail ?? '');
    } catch {
      // Not a problem document: fall through.
    }
  }
  return new Error('The upload stopped: the connection to the server was lost. Drop or choose the same file again to continue where it stopped.');
}
