import { concat, fromUtf8, randomBytes, requireLength, utf8 } from './bytes';
import { TruncatedError, UnknownFormatVersionError } from './errors';
import { Labels } from './labels';
import { aesGcmOpen, aesGcmSeal, hkdf, importAesKey, KEY_LENGTH, NONCE_LENGTH, TAG_LENGTH } from './primitives';

export const BOX_VERSION = 0x01;
export const WRAPPED_KEY_LENGTH = 1 + NONCE_LENGTH + KEY_LENGTH + TAG_LENGTH;

/** box = 0x01 ‖ nonce ‖ AES-GCM(key, nonce, plaintext, ad = label). `nonce` is only passed by tests and vectors. */
export async function sealBox(key: Uint8Array, plaintext: Uint8Array, label: string, nonce?: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const n = nonce ?? randomBytes(NONCE_LENGTH);
  requireLength(n, NONCE_LENGTH, 'A nonce');
  const sealed = await aesGcmSeal(await importAesKey(key), n, plaintext, utf8(label));
  return concat(Uint8Array.of(BOX_VERSION), n, sealed);
}

export async function openBox(key: Uint8Array, box: Uint8Array, label: string): Promise<Uint8Array<ArrayBuffer>> {
  if (box.length < 1) throw new TruncatedError('The box is empty.');
  if (box[0] !== BOX_VERSION) throw new UnknownFormatVersionError(`Unknown box format version ${box[0]}.`);
  if (box.length < 1 + NONCE_LENGTH + TAG_LENGTH) throw new TruncatedError('The box is shorter than its nonce and tag.');
  return aesGcmOpen(await importAesKey(key), box.subarray(1, 1 + NONCE_LENGTH), box.subarray(1 + NONCE_LENGTH), utf8(label));
}

export async function wrapKey(wrappingKey: Uint8Array, key: Uint8Array, label: string, nonce?: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  requireLength(key, KEY_LENGTH, 'A wrapped key');
  return sealBox(wrappingKey, key, label, nonce);
}

export async function unwrapKey(wrappingKey: Uint8Array, wrapped: Uint8Array, label: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await openBox(wrappingKey, wrapped, label);
  requireLength(key, KEY_LENGTH, 'An unwrapped key');
  return key;
}

export const nameKey = (fileOrAccountKey: Uint8Array) => hkdf(fileOrAccountKey, new Uint8Array(0), Labels.nameKeyInfo);

/** Seals a file's name under HKDF(FK, "coffer/v1/name-key"), bound to the file id. */
export async function sealFileName(fileKey: Uint8Array, fileId: string, name: string, nonce?: Uint8Array) {
  return sealBox(await nameKey(fileKey), utf8(name), Labels.fileName(fileId), nonce);
}

export async function openFileName(fileKey: Uint8Array, fileId: string, sealed: Uint8Array): Promise<string> {
  return fromUtf8(await openBox(await nameKey(fileKey), sealed, Labels.fileName(fileId)));
}

/** Seals a folder's name under HKDF(AK, "coffer/v1/name-key"), bound to the folder id. */
export async function sealFolderName(accountKey: Uint8Array, folderId: string, name: string, nonce?: Uint8Array) {
  return sealBox(await nameKey(accountKey), utf8(name), Labels.folderName(folderId), nonce);
}

export async function openFolderName(accountKey: Uint8Array, folderId: string, sealed: Uint8Array): Promise<string> {
  return fromUtf8(await openBox(await nameKey(accountKey), sealed, Labels.folderName(folderId)));
}
