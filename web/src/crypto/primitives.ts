import { own, requireLength, utf8 } from './bytes';
import { AuthenticationFailedError } from './errors';

export const KEY_LENGTH = 32;
export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** HKDF-SHA256 with a 32-byte output; an empty salt is the RFC 5869 zero salt. */
export async function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await subtle().importKey('raw', own(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: own(salt), info: utf8(info) }, key, KEY_LENGTH * 8);
  return new Uint8Array(bits);
}

export async function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const key = await subtle().importKey('raw', own(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: own(salt), iterations }, key, KEY_LENGTH * 8);
  return new Uint8Array(bits);
}

export async function sha256(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().digest('SHA-256', own(data)));
}

/** Imports a 32-byte key once for many AES-GCM operations (non-extractable). */
export async function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  requireLength(raw, KEY_LENGTH, 'A key');
  return subtle().importKey('raw', own(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function aesGcmSeal(key: CryptoKey, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const params: AesGcmParams = { name: 'AES-GCM', iv: own(nonce), tagLength: TAG_LENGTH * 8 };
  if (ad.length > 0) params.additionalData = own(ad);
  return new Uint8Array(await subtle().encrypt(params, key, plaintext as Uint8Array<ArrayBuffer>));
}

export async function aesGcmOpen(key: CryptoKey, nonce: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const params: AesGcmParams = { name: 'AES-GCM', iv: own(nonce), tagLength: TAG_LENGTH * 8 };
  if (ad.length > 0) params.additionalData = own(ad);
  try {
    return new Uint8Array(await subtle().decrypt(params, key, ciphertext as Uint8Array<ArrayBuffer>));
  } catch {
    throw new AuthenticationFailedError('Wrong key or tampered data: the authentication tag did not verify.');
  }
}
