import { fromBase64Url, toBase64Url } from './base64url';
import { randomBytes, utf8 } from './bytes';
import { unwrapKey, wrapKey } from './box';
import { UnsupportedKdfError } from './errors';
import { Labels } from './labels';
import { hkdf, KEY_LENGTH, pbkdf2 } from './primitives';

/** The KDF parameter record stored per account (CRYPTO.md §3). */
export interface KdfParams {
  algorithm: string;
  iterations: number;
  salt: string;
}

export const MIN_ITERATIONS = 600_000;

export function newKdfParams(): KdfParams {
  return { algorithm: 'pbkdf2-sha256', iterations: MIN_ITERATIONS, salt: toBase64Url(randomBytes(16)) };
}

/** MK = PBKDF2-HMAC-SHA256(NFC(password), salt, iterations). `allowTestIterations` is for vectors only. */
export async function deriveMasterKey(password: string, kdf: KdfParams, allowTestIterations = false): Promise<Uint8Array<ArrayBuffer>> {
  if (kdf.algorithm !== 'pbkdf2-sha256') throw new UnsupportedKdfError(`Unknown KDF algorithm ${kdf.algorithm}.`);
  if (!Number.isSafeInteger(kdf.iterations) || kdf.iterations < (allowTestIterations ? 1 : MIN_ITERATIONS)) {
    throw new UnsupportedKdfError(`PBKDF2 needs at least ${MIN_ITERATIONS} iterations.`);
  }
  return pbkdf2(utf8(password.normalize('NFC')), fromBase64Url(kdf.salt), kdf.iterations);
}

const empty = new Uint8Array(0);
export const deriveAuthKey = (masterKey: Uint8Array) => hkdf(masterKey, empty, Labels.authKeyInfo);
export const deriveEncryptionKey = (masterKey: Uint8Array) => hkdf(masterKey, empty, Labels.encryptionKeyInfo);

/** Everything the client derives from a password: AuthKey is sent to the server, EK never leaves the client. */
export async function deriveAccountKeys(password: string, kdf: KdfParams, allowTestIterations = false) {
  const masterKey = await deriveMasterKey(password, kdf, allowTestIterations);
  return { authKey: await deriveAuthKey(masterKey), encryptionKey: await deriveEncryptionKey(masterKey) };
}

export const newKey = () => randomBytes(KEY_LENGTH);

export const wrapAccountKey = (encryptionKey: Uint8Array, accountKey: Uint8Array, nonce?: Uint8Array) =>
  wrapKey(encryptionKey, accountKey, Labels.accountKeyWrap, nonce);
export const unwrapAccountKey = (encryptionKey: Uint8Array, wrapped: Uint8Array) => unwrapKey(encryptionKey, wrapped, Labels.accountKeyWrap);

export const wrapOwnerFileKey = (accountKey: Uint8Array, fileId: string, fileKey: Uint8Array, nonce?: Uint8Array) =>
  wrapKey(accountKey, fileKey, Labels.ownerFileKeyWrap(fileId), nonce);
export const unwrapOwnerFileKey = (accountKey: Uint8Array, fileId: string, wrapped: Uint8Array) =>
  unwrapKey(accountKey, wrapped, Labels.ownerFileKeyWrap(fileId));

export const wrapContentKey = (fileKey: Uint8Array, fileId: string, contentId: string, contentKey: Uint8Array, nonce?: Uint8Array) =>
  wrapKey(fileKey, contentKey, Labels.contentKeyWrap(fileId, contentId), nonce);
export const unwrapContentKey = (fileKey: Uint8Array, fileId: string, contentId: string, wrapped: Uint8Array) =>
  unwrapKey(fileKey, wrapped, Labels.contentKeyWrap(fileId, contentId));

/** Emails are trimmed then lower-cased before any use (CRYPTO.md §3). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
