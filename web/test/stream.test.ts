import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  AuthenticationFailedError,
  BlobSealer,
  ciphertextLength,
  CofferCryptoError,
  HEADER_LENGTH,
  NotACofferStreamError,
  openBytes,
  openStream,
  RangeOpener,
  sealBytes,
  TamperedError,
  toHex,
  TruncatedError,
  tryPlaintextLength,
  UnknownFormatVersionError,
} from '../src/crypto';
import { chunked, collect, pseudoRandom } from './helpers';

const binding = {
  contentKey: pseudoRandom(32, 11),
  fileId: '3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77',
  contentId: '0b6f1a2c-3d4e-4f50-8a61-7b8c9d0e1f23',
};
const fixed = { segmentSize: 64, salt: pseudoRandom(32, 3), noncePrefix: pseudoRandom(7, 5) };
const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sealed stream lengths', () => {
  it('ciphertextLength and its inverse agree for every small length and segment size', () => {
    for (const c of [64, 65, 100, 4096]) {
      for (let l = 0; l < 3 * c; l++) {
        const x = ciphertextLength(l, c);
        expect(tryPlaintextLength(x, c)).toBe(l);
      }
      const valid = new Set<number>();
      for (let l = 0; l < 3 * c; l++) valid.add(ciphertextLength(l, c));
      for (let x = 0; x < ciphertextLength(3 * c - 1, c); x++) {
        expect(tryPlaintextLength(x, c) !== null).toBe(valid.has(x));
      }
    }
  });

  it('an empty file is the header plus one tag', () => {
    expect(ciphertextLength(0, 64)).toBe(64);
    expect(ciphertextLength(48, 64)).toBe(48 + 48 + 16);
    expect(ciphertextLength(49, 64)).toBe(48 + 49 + 32);
  });
});

describe('sealed stream round trips', () => {
  it.each([0, 1, 47, 48, 49, 96, 97, 1000])('seals and opens %i bytes, chunked any way', async (length) => {
    const plaintext = pseudoRandom(length, length + 1);
    const sealed = await sealBytes(plaintext, binding, fixed);
    expect(sealed.length).toBe(ciphertextLength(length, 64));
    expect(await openBytes(sealed, binding)).toEqual(plaintext);
    for (const size of [1, 7, 64, 65, 4096]) {
      expect(await collect(chunked(sealed, size).pipeThrough(openStream(binding)))).toEqual(plaintext);
    }
  });

  it('any ciphertext range equals the same slice of the whole stream', async () => {
    const plaintext = pseudoRandom(500, 9);
    const sealer = await BlobSealer.create(new Blob([plaintext]), binding, fixed);
    const whole = await sealer.sealRange(0, sealer.ciphertextLength);
    expect(await collect(sealer.stream())).toEqual(whole);
    for (const [a, b] of [[0, 1], [0, 48], [47, 49], [48, 112], [100, 300], [111, 113], [0, whole.length], [whole.length - 1, whole.length]]) {
      expect(await sealer.sealRange(a!, b!)).toEqual(whole.slice(a, b));
    }
  });

  it('random salt and prefix differ per stream', async () => {
    const one = await sealBytes(pseudoRandom(10), binding);
    const two = await sealBytes(pseudoRandom(10), binding);
    expect(toHex(one.slice(0, HEADER_LENGTH))).not.toBe(toHex(two.slice(0, HEADER_LENGTH)));
    expect(one.subarray(5, 9)).toEqual(Uint8Array.of(0, 16, 0, 0));
  });

  it('digests hash the plaintext and the sealed stream', async () => {
    const plaintext = pseudoRandom(300, 4);
    const sealer = await BlobSealer.create(new Blob([plaintext]), binding, fixed);
    const whole = await sealer.sealRange(0, sealer.ciphertextLength);
    expect(await sealer.digests()).toEqual({ sha256: hash(plaintext), ciphertextSha256: hash(whole) });
  });

  it('reads any plaintext range through RangeOpener', async () => {
    const plaintext = pseudoRandom(400, 8);
    const sealed = await sealBytes(plaintext, binding, fixed);
    const opener = await RangeOpener.create(binding, sealed.slice(0, HEADER_LENGTH), sealed.length);
    expect(opener.plaintextLength).toBe(400);
    const fetched: [number, number][] = [];
    const fetch = async (s: number, e: number) => {
      fetched.push([s, e]);
      return sealed.slice(s, e);
    };
    for (const [a, b] of [[0, 1], [0, 48], [47, 49], [100, 300], [399, 400], [0, 400]]) {
      expect(await opener.read(a!, b!, fetch)).toEqual(plaintext.slice(a, b));
    }
    expect(fetched[0]).toEqual([48, 48 + 64]);
  });
});

describe('sealed stream errors', () => {
  const open = (bytes: Uint8Array) => openBytes(bytes, binding);
  const sealedOf = (length: number) => sealBytes(pseudoRandom(length, 2), binding, fixed);

  it('a wrong key is AuthenticationFailed', async () => {
    const sealed = await sealedOf(200);
    await expect(openBytes(sealed, { ...binding, contentKey: pseudoRandom(32, 99) })).rejects.toBeInstanceOf(AuthenticationFailedError);
    await expect(openBytes(sealed, { ...binding, fileId: binding.contentId })).rejects.toBeInstanceOf(AuthenticationFailedError);
  });

  it('a flipped bit anywhere after the header prefix fails', async () => {
    const sealed = await sealedOf(150);
    for (const at of [9, 40, 41, 47, 48, 100, sealed.length - 1]) {
      const bad = sealed.slice();
      bad[at]! ^= 1;
      await expect(open(bad)).rejects.toBeInstanceOf(AuthenticationFailedError);
    }
  });

  it('cut at a segment boundary is Truncated; cut inside the header is Truncated', async () => {
    const sealed = await sealedOf(150); // 3 segments of 48 plaintext bytes + 6
    await expect(open(sealed.slice(0, 48 + 64))).rejects.toBeInstanceOf(TruncatedError);
    await expect(open(sealed.slice(0, 48 + 128))).rejects.toBeInstanceOf(TruncatedError);
    await expect(open(sealed.slice(0, 48))).rejects.toBeInstanceOf(TruncatedError);
    await expect(open(sealed.slice(0, 20))).rejects.toBeInstanceOf(TruncatedError);
    await expect(open(sealed.slice(0, 48 + 10))).rejects.toBeInstanceOf(TruncatedError);
  });

  it('bytes after the final segment are Tampered; an empty final segment after others is Tampered', async () => {
    // 96 bytes = exactly two full segments, the second one final.
    const two = await sealedOf(96);
    const appended = new Uint8Array(two.length + 5);
    appended.set(two);
    await expect(open(appended)).rejects.toBeInstanceOf(TamperedError);
    const sealer = await BlobSealer.create(new Blob([pseudoRandom(96, 2)]), binding, fixed);
    expect(sealer.segments).toBe(2);
    const withEmpty = new Uint8Array(two.length + 16);
    withEmpty.set(two);
    await expect(open(withEmpty)).rejects.toBeInstanceOf(TamperedError);
  });

  it('header checks: magic, version, segment size', async () => {
    const sealed = await sealedOf(10);
    const magic = sealed.slice();
    magic[0] = 0x58;
    await expect(open(magic)).rejects.toBeInstanceOf(NotACofferStreamError);
    const version = sealed.slice();
    version[4] = 2;
    await expect(open(version)).rejects.toBeInstanceOf(UnknownFormatVersionError);
    const size = sealed.slice();
    size.set([0, 0, 0, 63], 5);
    await expect(open(size)).rejects.toBeInstanceOf(TamperedError);
    size.set([1, 0, 0, 1], 5);
    await expect(open(size)).rejects.toBeInstanceOf(TamperedError);
  });

  it('checks the metadata size and plaintext SHA-256 when asked', async () => {
    const plaintext = pseudoRandom(300, 4);
    const sealer = await BlobSealer.create(new Blob([plaintext]), binding, fixed);
    const sealed = await sealer.sealRange(0, sealer.ciphertextLength);
    const { sha256 } = await sealer.digests();
    expect(await collect(chunked(sealed, 100).pipeThrough(openStream(binding, { sha256, size: 300 })))).toEqual(plaintext);
    await expect(collect(chunked(sealed, 100).pipeThrough(openStream(binding, { sha256: '0'.repeat(64) })))).rejects.toBeInstanceOf(TamperedError);
    await expect(collect(chunked(sealed, 100).pipeThrough(openStream(binding, { sha256, size: 299 })))).rejects.toBeInstanceOf(TamperedError);
  });
});

// What the download and preview paths pass to openStream: the sealed size and plaintext SHA-256, no ciphertext hash. Each
// attack below must still be refused by the segment tags (or the final-segment and length checks), CRYPTO.md §5.1.
describe('what a download verifies without the ciphertext hash (CRYPTO.md §5.1)', () => {
  const plaintext = pseudoRandom(200, 21); // 5 segments of 48 plaintext bytes: 4 full + 8, C = 64
  const metadata = { size: plaintext.length, sha256: hash(plaintext) };
  const genuine = () => sealBytes(plaintext, binding, fixed);
  const download = async (bytes: Uint8Array, chunk = 50, expected: { size?: number; sha256?: string } = metadata) => {
    const released: Uint8Array[] = [];
    const opened = chunked(bytes, chunk).pipeThrough(openStream(binding, expected));
    const error = await (async () => {
      for await (const c of opened) released.push(c);
    })().then(
      () => null,
      (e: unknown) => e,
    );
    return { error, released: released.reduce((n, c) => n + c.length, 0) };
  };
  const segmentAt = (i: number) => HEADER_LENGTH + i * 64;

  it('opens the genuine blob, chunked any way', async () => {
    const sealed = await genuine();
    for (const chunk of [1, 63, 64, 65, 1000]) expect(await download(sealed, chunk)).toEqual({ error: null, released: 200 });
  });

  it.each([
    ['segment size (another valid C)', 5 + 3],
    ['salt', 9],
    ['salt, last byte', 40],
    ['nonce prefix', 41],
    ['nonce prefix, last byte', 47],
    ['first segment', segmentAt(0) + 3],
    ['middle segment', segmentAt(2) + 30],
    ['final segment', segmentAt(4) + 1],
    ['final tag', -1],
  ])('one altered byte in the %s is refused', async (_, at) => {
    const sealed = await genuine();
    const bad = sealed.slice();
    const i = at < 0 ? bad.length + at : at;
    bad[i]! ^= 1;
    const { error, released } = await download(bad);
    expect(error).toBeInstanceOf(CofferCryptoError);
    // No plaintext of (or after) the altered segment is ever released.
    if (i >= HEADER_LENGTH) expect(released).toBeLessThanOrEqual(Math.floor((i - HEADER_LENGTH) / 64) * 48);
    else expect(released).toBe(0);
  });

  it('a header made to say another valid segment size is refused', async () => {
    const sealed = await genuine();
    for (const c of [65, 128, 1 << 20]) {
      const bad = sealed.slice();
      new DataView(bad.buffer).setUint32(5, c);
      const { error } = await download(bad);
      expect(error).toBeInstanceOf(CofferCryptoError);
    }
  });

  it('swapped, repeated or dropped segments are refused', async () => {
    const sealed = await genuine();
    const seg = (i: number) => sealed.slice(segmentAt(i), Math.min(segmentAt(i + 1), sealed.length));
    const join = (...parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        out.set(p, o);
        o += p.length;
      }
      return out;
    };
    const header = sealed.slice(0, HEADER_LENGTH);
    const swapped = join(header, seg(0), seg(2), seg(1), seg(3), seg(4));
    const repeated = join(header, seg(0), seg(0), seg(2), seg(3), seg(4));
    const dropped = join(header, seg(0), seg(1), seg(3), seg(4));
    for (const bytes of [swapped, repeated]) expect((await download(bytes)).error).toBeInstanceOf(AuthenticationFailedError);
    expect((await download(dropped)).error).toBeInstanceOf(AuthenticationFailedError);
    // The last full segment moved to the end verifies only without the final flag: reported as a cut-off stream.
    expect((await download(join(header, seg(0), seg(1), seg(2), seg(3))))).toMatchObject({ error: expect.any(TruncatedError), released: 144 });
  });

  it('truncated or extended blobs are refused', async () => {
    const sealed = await genuine();
    for (const end of [segmentAt(1), segmentAt(4), sealed.length - 1, HEADER_LENGTH, 10]) {
      expect((await download(sealed.slice(0, end))).error).toBeInstanceOf(CofferCryptoError);
    }
    const longer = new Uint8Array(sealed.length + 1);
    longer.set(sealed);
    expect((await download(longer)).error).toBeInstanceOf(CofferCryptoError);
  });

  it("another upload's blob of the same length is refused by the first tag", async () => {
    // Another version of the same file (its own CK and contentId), a blob under the same CK but another contentId, another
    // file's blob, and a fresh sealing of the same plaintext under another CK (another salt and prefix too).
    const contentId = '7d2e9c41-5a3b-4f6e-8c1d-2b3a4c5d6e7f';
    const others = [
      await sealBytes(pseudoRandom(200, 22), { ...binding, contentKey: pseudoRandom(32, 12), contentId }, fixed),
      await sealBytes(pseudoRandom(200, 23), { ...binding, contentId }, fixed),
      await sealBytes(pseudoRandom(200, 24), { contentKey: pseudoRandom(32, 13), fileId: contentId, contentId: binding.fileId }, fixed),
      await sealBytes(plaintext, { ...binding, contentKey: pseudoRandom(32, 14) }, { segmentSize: 64 }),
    ];
    const mine = await genuine();
    for (const other of others) {
      expect(other.length).toBe(mine.length);
      expect(await download(other)).toMatchObject({ error: expect.any(AuthenticationFailedError), released: 0 });
    }
    // The genuine header on another blob's body does not help either.
    const spliced = others[1]!.slice();
    spliced.set(mine.subarray(0, HEADER_LENGTH));
    expect(await download(spliced)).toMatchObject({ error: expect.any(AuthenticationFailedError), released: 0 });
  });

  it('a blob the uploader sealed under the right key but other content than its metadata says is refused by the plaintext SHA-256', async () => {
    const other = await sealBytes(pseudoRandom(200, 25), binding, { segmentSize: 64 });
    // The final segment's plaintext is never released, so a byte-counting consumer never sees a whole file.
    expect(await download(other)).toMatchObject({ error: expect.any(TamperedError), released: 192 });
    expect(await download(await genuine(), 50, { ...metadata, size: 199 })).toMatchObject({ error: expect.any(TamperedError), released: 192 });
  });
});
