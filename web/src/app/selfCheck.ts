import { deriveAccountKeys, fromHex, openBytes, sealBytes, sha256, toBase64Url, toHex, unwrapOwnerFileKey, wrapAccountKey, wrapOwnerFileKey } from '../crypto';

/**
 * Known answers from test-vectors/ (stream.json "several-segments", account.json "nfd-password", boxes.json "owner-file-key"),
 * checked in whatever engine loads the page: the browser tests assert that Chromium's WebCrypto reproduces them, and the
 * Vitest suite asserts these constants are still the ones in the vector files.
 */
export const SELF_CHECK_EXPECTED = {
  streamCiphertextSha256: '796822976e3a29e3939da8d36e225381c889a18982425ad54292367b00c1cdc5',
  authKey: '9960fee4d148e3789e06a49569cdf318620deb06f6e15cf47ae58571e6eb6cec',
  wrappedAccountKey: 'AeHi4-Tl5ufo6err7M00TpkXyFvq5NqXhfwGUucPQBTFgrl_YM3RitTlgXlGRwIWNLy_KJkD1qXxcd3f6Q',
  ownerFileKeyBox: 'AfHy8_T19vf4-fr7_Ee4uljucvcLfxZoJfseYnhX3AztSTzurioSSXlKSbDWb5AA9-kboytwwrndiNMXyg',
};

export type SelfCheckResult = typeof SELF_CHECK_EXPECTED;

const fileId = '3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77';

export async function selfCheckValues(): Promise<SelfCheckResult> {
  const binding = { contentKey: fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'), fileId, contentId: '9b2e4f10-5c3a-4d8e-b1f7-2a6c8e0d4b93' };
  const plaintext = Uint8Array.from({ length: 161 }, (_, i) => (7 * i + 3) & 0xff);
  const sealed = await sealBytes(plaintext, binding, {
    segmentSize: 64,
    salt: fromHex('202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f'),
    noncePrefix: fromHex('a0a1a2a3a4a5a6'),
  });
  if (toHex(await openBytes(sealed, binding)) !== toHex(plaintext)) throw new Error('The sealed stream did not open to its plaintext.');

  // The password is in decomposed form (NFD): the derivation must normalise it to NFC first.
  const kdf = { algorithm: 'pbkdf2-sha256', iterations: 1000, salt: 'MDEyMzQ1Njc4OTo7PD0-Pw' };
  const keys = await deriveAccountKeys('Cafe\u0301 pa\u0308sswo\u0308rd \u2615', kdf, true);
  const wrappedAccountKey = await wrapAccountKey(keys.encryptionKey, fromHex('707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f'), fromHex('e1e2e3e4e5e6e7e8e9eaebec'));

  const accountKey = fromHex('606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f');
  const fileKey = fromHex('404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f');
  const box = await wrapOwnerFileKey(accountKey, fileId, fileKey, fromHex('f1f2f3f4f5f6f7f8f9fafbfc'));
  if (toHex(await unwrapOwnerFileKey(accountKey, fileId, box)) !== toHex(fileKey)) throw new Error('The file key did not unwrap.');

  return {
    streamCiphertextSha256: toHex(await sha256(sealed)),
    authKey: toHex(keys.authKey),
    wrappedAccountKey: toBase64Url(wrappedAccountKey),
    ownerFileKeyBox: toBase64Url(box),
  };
}

export async function selfCheck(): Promise<boolean> {
  const values = await selfCheckValues();
  return (Object.keys(SELF_CHECK_EXPECTED) as (keyof SelfCheckResult)[]).every((k) => values[k] === SELF_CHECK_EXPECTED[k]);
}
