import { describe, expect, it } from 'vitest';
import { createHash, hkdfSync, pbkdf2Sync } from 'node:crypto';
import {
  AuthenticationFailedError,
  buildLinkUrl,
  deriveAccountKeys,
  fromBase64Url,
  InvalidEncodingError,
  linkAuthToken,
  linkWrapKey,
  newLink,
  normalizeEmail,
  openBox,
  openFileName,
  openFolderName,
  openMetadata,
  parseLinkLocation,
  parseLinkUrl,
  parseMetadata,
  sealBox,
  sealFileName,
  sealFolderName,
  sealMetadata,
  serializeMetadata,
  toBase64Url,
  TruncatedError,
  UnknownFormatVersionError,
  UnsupportedKdfError,
  unwrapAccountKey,
  unwrapContentKey,
  unwrapFileKeyFromLink,
  unwrapOwnerFileKey,
  wrapAccountKey,
  wrapContentKey,
  wrapFileKeyForLink,
  wrapOwnerFileKey,
  WRAPPED_KEY_LENGTH,
  type VersionMetadata,
} from '../src/crypto';
import { pseudoRandom } from './helpers';

const fileId = '3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77';
const contentId = '0b6f1a2c-3d4e-4f50-8a61-7b8c9d0e1f23';
const key = pseudoRandom(32, 21);
const other = pseudoRandom(32, 22);

describe('boxes', () => {
  it('wraps a key into 61 bytes and unwraps it only under the same label', async () => {
    const wrapped = await wrapOwnerFileKey(key, fileId, other);
    expect(wrapped).toHaveLength(WRAPPED_KEY_LENGTH);
    expect(wrapped[0]).toBe(1);
    expect(await unwrapOwnerFileKey(key, fileId, wrapped)).toEqual(other);
    await expect(unwrapOwnerFileKey(key, contentId, wrapped)).rejects.toBeInstanceOf(AuthenticationFailedError);
    await expect(unwrapContentKey(key, fileId, contentId, wrapped)).rejects.toBeInstanceOf(AuthenticationFailedError);
    await expect(unwrapOwnerFileKey(other, fileId, wrapped)).rejects.toBeInstanceOf(AuthenticationFailedError);
  });

  it('agrees with Node AES-GCM for a fixed nonce', async () => {
    const nonce = pseudoRandom(12, 3);
    const box = await sealBox(key, new TextEncoder().encode('hello'), 'some|label', nonce);
    const { createCipheriv } = await import('node:crypto');
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(new TextEncoder().encode('some|label'));
    const expected = Buffer.concat([Buffer.of(1), nonce, cipher.update('hello'), cipher.final(), cipher.getAuthTag()]);
    expect(Buffer.from(box)).toEqual(expected);
  });

  it('refuses an unknown version and a short box', async () => {
    const box = await sealBox(key, new Uint8Array(3), 'l');
    const bad = box.slice();
    bad[0] = 2;
    await expect(openBox(key, bad, 'l')).rejects.toBeInstanceOf(UnknownFormatVersionError);
    await expect(openBox(key, box.slice(0, 20), 'l')).rejects.toBeInstanceOf(TruncatedError);
  });

  it('seals names of any script', async () => {
    const name = 'Отчёт 2026 — 報告書 📄 <b>&amp;.pdf';
    expect(await openFileName(key, fileId, await sealFileName(key, fileId, name))).toBe(name);
    expect(await openFolderName(key, fileId, await sealFolderName(key, fileId, name))).toBe(name);
    await expect(openFolderName(key, fileId, await sealFileName(key, fileId, name))).rejects.toBeInstanceOf(AuthenticationFailedError);
  });

  it('wraps AK, CK and link keys under their own labels', async () => {
    expect(await unwrapAccountKey(key, await wrapAccountKey(key, other))).toEqual(other);
    expect(await unwrapContentKey(key, fileId, contentId, await wrapContentKey(key, fileId, contentId, other))).toEqual(other);
    const { linkId, secret } = newLink();
    const wrapped = await wrapFileKeyForLink(secret, linkId, fileId, other);
    expect(await unwrapFileKeyFromLink(secret, linkId, fileId, wrapped)).toEqual(other);
    await expect(unwrapFileKeyFromLink(secret, newLink().linkId, fileId, wrapped)).rejects.toBeInstanceOf(AuthenticationFailedError);
  });
});

describe('metadata', () => {
  const meta: VersionMetadata = {
    name: 'Quarterly report.pdf',
    size: 183744,
    sha256: 'a'.repeat(64),
    mediaType: 'application/pdf',
    modified: '2026-12-03T16:28:52.000Z',
    uploader: 'alice@example.com',
    ciphertextSha256: 'b'.repeat(64),
    basedOn: null,
  };

  it('writes the keys in order without white space', () => {
    expect(serializeMetadata(meta)).toBe(
      `{"v":1,"name":"Quarterly report.pdf","size":183744,"sha256":"${'a'.repeat(64)}","mediaType":"application/pdf","modified":"2026-12-03T16:28:52.000Z","uploader":"alice@example.com","ciphertextSha256":"${'b'.repeat(64)}","basedOn":null}`,
    );
  });

  it('reads any order, ignores unknown keys, refuses v ≠ 1', () => {
    const reordered = JSON.stringify(Object.fromEntries(Object.entries({ v: 1, ...meta, extra: true }).reverse()));
    expect(parseMetadata(reordered)).toEqual(meta);
    expect(parseMetadata(JSON.stringify({ ...meta, basedOn: 3, v: 1 })).basedOn).toBe(3);
    expect(() => parseMetadata(JSON.stringify({ ...meta, v: 2 }))).toThrow(UnknownFormatVersionError);
    expect(() => parseMetadata('[1]')).toThrow(InvalidEncodingError);
    expect(() => parseMetadata(JSON.stringify({ ...meta, v: 1, size: -1 }))).toThrow(InvalidEncodingError);
  });

  it('seals under the content key, bound to file and content', async () => {
    const sealed = await sealMetadata(key, fileId, contentId, meta);
    expect(await openMetadata(key, fileId, contentId, sealed)).toEqual(meta);
    await expect(openMetadata(key, contentId, fileId, sealed)).rejects.toBeInstanceOf(AuthenticationFailedError);
  });
});

describe('account', () => {
  it('derives MK with PBKDF2 over the NFC password, then AuthKey and EK with HKDF', async () => {
    const kdf = { algorithm: 'pbkdf2-sha256', iterations: 1000, salt: toBase64Url(pseudoRandom(16, 1)) };
    const decomposed = 'Cafe\u0301 pässwörd';
    const keys = await deriveAccountKeys(decomposed, kdf, true);
    const mk = pbkdf2Sync(Buffer.from(decomposed.normalize('NFC'), 'utf8'), fromBase64Url(kdf.salt), 1000, 32, 'sha256');
    expect(Buffer.from(keys.authKey)).toEqual(Buffer.from(hkdfSync('sha256', mk, Buffer.alloc(0), 'coffer/v1/auth-key', 32)));
    expect(Buffer.from(keys.encryptionKey)).toEqual(Buffer.from(hkdfSync('sha256', mk, Buffer.alloc(0), 'coffer/v1/encryption-key', 32)));
    expect(await deriveAccountKeys('Caf\u00e9 pässwörd', kdf, true)).toEqual(keys);
  });

  it('refuses unknown algorithms and too few iterations', async () => {
    const salt = toBase64Url(pseudoRandom(16));
    await expect(deriveAccountKeys('x', { algorithm: 'argon2id', iterations: 600000, salt })).rejects.toBeInstanceOf(UnsupportedKdfError);
    await expect(deriveAccountKeys('x', { algorithm: 'pbkdf2-sha256', iterations: 1000, salt })).rejects.toBeInstanceOf(UnsupportedKdfError);
  });

  it('normalises emails', () => {
    expect(normalizeEmail('  Alice@Example.COM ')).toBe('alice@example.com');
  });
});

describe('links', () => {
  it('derives the wrap key and auth token with the link id as salt', async () => {
    const secret = pseudoRandom(32, 5);
    const linkId = toBase64Url(pseudoRandom(16, 6));
    expect(Buffer.from(await linkWrapKey(secret, linkId))).toEqual(Buffer.from(hkdfSync('sha256', secret, linkId, 'coffer/v1/link/wrap-key', 32)));
    expect(Buffer.from(await linkAuthToken(secret, linkId))).toEqual(Buffer.from(hkdfSync('sha256', secret, linkId, 'coffer/v1/link/auth-token', 32)));
    expect(createHash('sha256').update(await linkAuthToken(secret, linkId)).digest()).toHaveLength(32);
  });

  it('builds and parses link URLs; the secret is only in the fragment', () => {
    const { linkId, secret } = newLink();
    const url = buildLinkUrl('https://coffer.example/', linkId, secret);
    expect(url).toBe(`https://coffer.example/l/${linkId}#${toBase64Url(secret)}`);
    const parsed = parseLinkUrl(url);
    expect(parsed.linkId).toBe(linkId);
    expect(parsed.secret).toEqual(secret);
    expect(new URL(url).pathname).not.toContain(toBase64Url(secret));
  });

  it.each([
    ['/l/short#abc', 'short id'],
    ['/x/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(43), 'wrong path'],
    ['/l/AAAAAAAAAAAAAAAAAAAAAA/more#' + 'A'.repeat(43), 'extra path'],
    ['/l/AAAAAAAAAAAAAAAAAAAAAA', 'no secret'],
    ['/l/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(42), 'short secret'],
    ['/l/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(42) + '=', 'padded secret'],
  ])('refuses %s (%s)', (location) => {
    const [path, hash = ''] = location.split('#');
    expect(() => parseLinkLocation(path!, hash ? '#' + hash : '')).toThrow(InvalidEncodingError);
  });
});
