import { describe, expect, it } from 'vitest';
import {
  BlobSealer,
  buildLinkUrl,
  ciphertextLength,
  ciphertextRangeFor,
  CofferCryptoError,
  deriveAccountKeys,
  deriveMasterKey,
  deriveSegmentKeyBytes,
  fromBase64Url,
  fromHex,
  hkdf,
  linkAuthToken,
  linkWrapKey,
  openBox,
  openBytes,
  openMetadata,
  parseLinkUrl,
  parseMetadata,
  RangeOpener,
  sealBox,
  sealBytes,
  segmentCount,
  serializeMetadata,
  sha256,
  toBase64Url,
  toHex,
  tryPlaintextLength,
  unwrapAccountKey,
  wrapAccountKey,
  wrapFileKeyForLink,
  HEADER_LENGTH,
  fromUtf8,
} from '../src/crypto';
import { readJson, vectorFiles } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- the vectors are plain JSON */
type Json = any;

const stream = readJson('stream.json') as Json;
const boxes = readJson('boxes.json') as Json;
const account = readJson('account.json') as Json;
const link = readJson('link.json') as Json;
const lengths = readJson('lengths.json') as Json;
const negative = readJson('negative.json') as Json;

const bindingOf = (c: Json) => ({ contentKey: fromHex(c.contentKey), fileId: c.fileId, contentId: c.contentId });

async function errorKind(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    if (error instanceof CofferCryptoError) return error.kind;
    throw error;
  }
}

describe('test-vectors', () => {
  it('every vector file is read by this suite', () => {
    expect(vectorFiles()).toEqual(['account.json', 'boxes.json', 'lengths.json', 'link.json', 'negative.json', 'stream.json']);
  });
});

describe('stream.json', () => {
  it.each<Json>(stream.cases)('$name: derives, seals and opens byte for byte', async (c: Json) => {
    const binding = bindingOf(c);
    expect(toHex(await deriveSegmentKeyBytes(binding.contentKey, fromHex(c.salt), c.fileId, c.contentId))).toBe(c.segmentKey);
    const plaintext = fromHex(c.plaintext);
    expect(plaintext).toHaveLength(c.plaintextLength);
    const options = { segmentSize: c.segmentSize, salt: fromHex(c.salt), noncePrefix: fromHex(c.noncePrefix) };
    const sealed = await sealBytes(plaintext, binding, options);
    expect(toHex(sealed)).toBe(c.ciphertext);
    expect(sealed).toHaveLength(c.ciphertextLength);
    expect(ciphertextLength(c.plaintextLength, c.segmentSize)).toBe(c.ciphertextLength);
    expect(toHex(await sha256(sealed))).toBe(c.ciphertextSha256);
    expect(toHex(await openBytes(fromHex(c.ciphertext), binding))).toBe(c.plaintext);
  });

  const byName = new Map<string, Json>(stream.cases.map((c: Json) => [c.name, c]));

  it.each<Json>(stream.ranges)('range $stream [$plaintextStart, $plaintextEnd)', async (r: Json) => {
    const c = byName.get(r.stream)!;
    const ciphertext = fromHex(c.ciphertext);
    expect(ciphertextRangeFor(r.plaintextStart, r.plaintextEnd, c.segmentSize, ciphertext.length)).toEqual({
      start: r.ciphertextStart,
      end: r.ciphertextEnd,
      firstSegment: r.firstSegment,
      lastSegment: r.lastSegment,
    });
    const opener = await RangeOpener.create(bindingOf(c), ciphertext.subarray(0, HEADER_LENGTH), ciphertext.length);
    const fetched: number[][] = [];
    const plaintext = await opener.read(r.plaintextStart, r.plaintextEnd, async (s, e) => {
      fetched.push([s, e]);
      return ciphertext.slice(s, e);
    });
    expect(toHex(plaintext)).toBe(r.plaintext);
    expect(fetched).toEqual([[r.ciphertextStart, r.ciphertextEnd]]);
  });

  it.each<Json>(stream.ciphertextRanges)(
    'ciphertext range $stream [$ciphertextStart, $ciphertextEnd) is re-created from the plaintext',
    async (r: Json) => {
      const c = byName.get(r.stream)!;
      const sealer = await BlobSealer.create(new Blob([fromHex(c.plaintext)]), bindingOf(c), {
        segmentSize: c.segmentSize,
        salt: fromHex(c.salt),
        noncePrefix: fromHex(c.noncePrefix),
      });
      expect(toHex(await sealer.sealRange(r.ciphertextStart, r.ciphertextEnd))).toBe(r.ciphertext);
    },
  );
});

describe('lengths.json', () => {
  it.each<Json>(lengths.valid)('C=$segmentSize L=$plaintextLength', (v: Json) => {
    expect(ciphertextLength(v.plaintextLength, v.segmentSize)).toBe(v.ciphertextLength);
    expect(segmentCount(v.plaintextLength, v.segmentSize)).toBe(v.segmentCount);
    expect(tryPlaintextLength(v.ciphertextLength, v.segmentSize)).toBe(v.plaintextLength);
  });

  it.each<Json>(lengths.invalid)('refuses C=$segmentSize X=$ciphertextLength: $why', (v: Json) => {
    expect(tryPlaintextLength(v.ciphertextLength, v.segmentSize)).toBeNull();
  });
});

describe('boxes.json', () => {
  it.each<Json>(boxes.cases)('$name', async (c: Json) => {
    const parent = fromHex(c.parentKey);
    const boxKey = c.boxKeyInfo === null ? parent : await hkdf(parent, new Uint8Array(0), c.boxKeyInfo);
    expect(toHex(boxKey)).toBe(c.boxKey);
    const box = await sealBox(boxKey, fromHex(c.plaintext), c.label, fromHex(c.nonce));
    expect(toBase64Url(box)).toBe(c.box);
    expect(toHex(box)).toBe(c.boxHex);
    expect(toHex(await openBox(boxKey, fromBase64Url(c.box), c.label))).toBe(c.plaintext);
    if (c.use === 'metadata') {
      expect(fromUtf8(fromHex(c.plaintext))).toBe(c.plaintextText);
      const meta = parseMetadata(c.plaintextText);
      expect(serializeMetadata(meta)).toBe(c.plaintextText);
      expect(await openMetadata(parent, c.ids.fileId, c.ids.contentId, fromBase64Url(c.box))).toEqual(meta);
    }
    if (c.use === 'file-name' || c.use === 'folder-name') {
      expect(new TextEncoder().encode(fromUtf8(fromHex(c.plaintext)))).toEqual(fromHex(c.plaintext));
    }
  });
});

describe('account.json', () => {
  it.each<Json>(account.cases)('$name', async (c: Json) => {
    expect(toHex(new TextEncoder().encode(c.password.normalize('NFC')))).toBe(c.passwordNfcUtf8);
    expect(toHex(await deriveMasterKey(c.password, c.kdf, true))).toBe(c.masterKey);
    const keys = await deriveAccountKeys(c.password, c.kdf, true);
    expect(toHex(keys.authKey)).toBe(c.authKey);
    expect(toBase64Url(keys.authKey)).toBe(c.authKeyBase64Url);
    expect(toHex(keys.encryptionKey)).toBe(c.encryptionKey);
    const wrapped = await wrapAccountKey(keys.encryptionKey, fromHex(c.accountKey), fromHex(c.nonce));
    expect(toBase64Url(wrapped)).toBe(c.wrappedAccountKey);
    expect(toHex(await unwrapAccountKey(keys.encryptionKey, fromBase64Url(c.wrappedAccountKey)))).toBe(c.accountKey);
  });
});

describe('link.json', () => {
  it.each<Json>(link.cases)('$name', async (c: Json) => {
    const secret = fromHex(c.secret);
    expect(toBase64Url(secret)).toBe(c.secretBase64Url);
    expect(toHex(await linkWrapKey(secret, c.linkId))).toBe(c.wrapKey);
    const token = await linkAuthToken(secret, c.linkId);
    expect(toHex(token)).toBe(c.authToken);
    expect(toBase64Url(token)).toBe(c.authTokenBase64Url);
    expect(toHex(await sha256(token))).toBe(c.authTokenSha256);
    expect(buildLinkUrl(c.baseAddress, c.linkId, secret)).toBe(c.url);
    const parsed = parseLinkUrl(c.url);
    expect(parsed.linkId).toBe(c.linkId);
    expect(toHex(parsed.secret)).toBe(c.secret);
    const wrapped = await wrapFileKeyForLink(secret, c.linkId, c.fileId, fromHex(c.fileKey), fromHex(c.nonce));
    expect(toBase64Url(wrapped)).toBe(c.wrappedFileKey);
  });
});

describe('negative.json', () => {
  it.each<Json>(negative.streams)('stream $name → $expectedError', async (c: Json) => {
    expect(await errorKind(openBytes(fromHex(c.ciphertext), bindingOf(c)))).toBe(c.expectedError);
  });

  it.each<Json>(negative.boxes)('box $name → $expectedError', async (c: Json) => {
    expect(await errorKind(openBox(fromHex(c.key), fromBase64Url(c.box), c.label))).toBe(c.expectedError);
  });
});
