import {
  BlobSealer,
  fromBase64Url,
  newKey,
  randomBytes,
  toBase64Url,
  unwrapContentKey,
  unwrapOwnerFileKey,
  wrapContentKey,
  wrapOwnerFileKey,
  NONCE_PREFIX_LENGTH,
  SALT_LENGTH,
} from '../../crypto';
import { loadSaved, resumeKey, type UploadStore } from '../../upload/resumeStore';

/** Where an owner upload goes: a new file in a folder (null: the root), or the next version of a file whose FK is open. */
export type UploadTarget = { kind: 'new-file'; folderId: string | null } | { kind: 'version'; fileId: string; fileKey: Uint8Array };

/**
 * What a reload needs to resume an owner upload of the same file. Keys are kept wrapped only — FK under AK with the owner
 * label, CK under FK with the content-key label — the very boxes the server receives at commit, so the storage reveals
 * nothing without AK (which lives in page memory only).
 */
export interface SavedOwnerUpload {
  uploadUrl: string | null;
  fileId: string;
  contentId: string;
  /** FK wrapped under AK, for a new file only: a version's file has its wrapped FK on the server already. */
  wrappedFileKey: string | null;
  wrappedContentKey: string;
  salt: string;
  noncePrefix: string;
}

/** An upload ready to send: the saved (wrapped) state, the open keys in memory, and the sealer re-created from the saved header. */
export interface PreparedUpload {
  saved: SavedOwnerUpload;
  fileKey: Uint8Array;
  sealer: BlobSealer;
  contentKey: Uint8Array;
  save(): void;
  forget(): void;
}

const WRAPPED_KEY_LENGTH = 61;

export function ownerResumeKey(accountId: string, target: UploadTarget, file: Pick<File, 'name' | 'size' | 'lastModified'>): string {
  const scope = target.kind === 'new-file' ? `owner:${accountId}:folder:${target.folderId ?? 'root'}` : `owner:${accountId}:file:${target.fileId}`;
  return resumeKey(scope, file);
}

export function loadSavedUpload(store: UploadStore, key: string): SavedOwnerUpload | null {
  return loadSaved<SavedOwnerUpload>(store, key, (s) => {
    if (typeof s.fileId !== 'string' || typeof s.contentId !== 'string' || (s.uploadUrl !== null && typeof s.uploadUrl !== 'string')) throw new Error('bad state');
    if (s.wrappedFileKey !== null) fromBase64Url(s.wrappedFileKey, WRAPPED_KEY_LENGTH);
    fromBase64Url(s.wrappedContentKey, WRAPPED_KEY_LENGTH);
    fromBase64Url(s.salt, SALT_LENGTH);
    fromBase64Url(s.noncePrefix, NONCE_PREFIX_LENGTH);
  });
}

/**
 * Resumes the saved upload of this file to this target when its keys open with AK; otherwise (nothing saved, or a box that
 * does not open) starts afresh. The state is saved before any byte is sent.
 */
export async function prepareUpload(accountKey: Uint8Array, accountId: string, target: UploadTarget, file: File, store: UploadStore = localStorage): Promise<PreparedUpload> {
  const key = ownerResumeKey(accountId, target, file);
  const saved = loadSavedUpload(store, key);
  let opened = saved ? await openSaved(accountKey, target, saved).catch(() => null) : null;
  if (saved && !opened) store.removeItem(key);
  opened ??= await startNew(accountKey, target);
  const state = opened.saved;
  store.setItem(key, JSON.stringify(state));
  const sealer = await BlobSealer.create(
    file,
    { contentKey: opened.contentKey, fileId: state.fileId, contentId: state.contentId },
    { salt: fromBase64Url(state.salt), noncePrefix: fromBase64Url(state.noncePrefix) },
  );
  return { ...opened, sealer, save: () => store.setItem(key, JSON.stringify(state)), forget: () => store.removeItem(key) };
}

async function openSaved(accountKey: Uint8Array, target: UploadTarget, saved: SavedOwnerUpload) {
  let fileKey: Uint8Array;
  if (target.kind === 'version') {
    if (saved.fileId !== target.fileId) throw new Error('Saved for another file.');
    fileKey = target.fileKey;
  } else {
    if (saved.wrappedFileKey === null) throw new Error('A new file needs its wrapped FK.');
    fileKey = await unwrapOwnerFileKey(accountKey, saved.fileId, fromBase64Url(saved.wrappedFileKey));
  }
  const contentKey = await unwrapContentKey(fileKey, saved.fileId, saved.contentId, fromBase64Url(saved.wrappedContentKey));
  return { saved, fileKey, contentKey };
}

async function startNew(accountKey: Uint8Array, target: UploadTarget) {
  const fileId = target.kind === 'version' ? target.fileId : crypto.randomUUID();
  const fileKey = target.kind === 'version' ? target.fileKey : newKey();
  const contentId = crypto.randomUUID();
  const contentKey = newKey();
  const saved: SavedOwnerUpload = {
    uploadUrl: null,
    fileId,
    contentId,
    wrappedFileKey: target.kind === 'version' ? null : toBase64Url(await wrapOwnerFileKey(accountKey, fileId, fileKey)),
    wrappedContentKey: toBase64Url(await wrapContentKey(fileKey, fileId, contentId, contentKey)),
    salt: toBase64Url(randomBytes(SALT_LENGTH)),
    noncePrefix: toBase64Url(randomBytes(NONCE_PREFIX_LENGTH)),
  };
  return { saved, fileKey, contentKey };
}
