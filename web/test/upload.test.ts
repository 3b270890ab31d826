import { describe, expect, it } from 'vitest';
import { BlobSealer } from '../src/crypto';
import { sealedFileReader, uploadChunkSize } from '../src/upload/sealedFileReader';
import { createHash } from 'node:crypto';
import { pseudoRandom } from './helpers';

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const binding = { contentKey: pseudoRandom(32, 1), fileId: 'f', contentId: 'c' };

describe('sealed tus file source', () => {
  it('slices in tus order add up to the whole sealed stream, sealing each segment once', async () => {
    const plaintext = pseudoRandom(10_000, 2);
    const sealer = await BlobSealer.create(new Blob([plaintext]), binding, { segmentSize: 256 });
    const whole = await (await BlobSealer.create(new Blob([plaintext]), binding, { ...sealer.header })).sealRange(0, sealer.ciphertextLength);
    const source = await sealedFileReader(sealer).openFile(null, 1024);
    expect(source.size).toBe(whole.length);
    const parts: Uint8Array[] = [];
    for (let start = 0; ; start += 1024) {
      const { value, done } = await source.slice(start, start + 1024);
      expect(value).toBeInstanceOf(Blob); // tus-js-client reads a slice's size
      parts.push(new Uint8Array(await value.arrayBuffer()));
      if (done) break;
    }
    expect(Buffer.concat(parts)).toEqual(Buffer.from(whole));
    expect(sealer.segmentsSealed).toBe(sealer.segments);
    // The metadata digests came with the upload: no second pass.
    expect(await sealer.digests()).toEqual({ sha256: sha256Hex(plaintext), ciphertextSha256: sha256Hex(whole) });
    expect(sealer.segmentsSealed).toBe(sealer.segments);
  });

  it('resumes at any offset with a new sealer for the same header (as after a reload)', async () => {
    const plaintext = pseudoRandom(5000, 3);
    const first = await BlobSealer.create(new Blob([plaintext]), binding, { segmentSize: 256 });
    const whole = await first.sealRange(0, first.ciphertextLength);
    const again = await BlobSealer.create(new Blob([plaintext]), binding, { ...first.header });
    const source = await sealedFileReader(again).openFile(null, 1000);
    const { value, done } = await source.slice(3001, 999_999);
    expect(done).toBe(true);
    expect(new Uint8Array(await value.arrayBuffer())).toEqual(whole.slice(3001));
    // Resumed mid-way: the digests re-seal the stream from the start, and are still right.
    expect(await again.digests()).toEqual({ sha256: sha256Hex(plaintext), ciphertextSha256: sha256Hex(whole) });
  });

  it('chunks are whole segments', () => {
    expect(uploadChunkSize(1_048_576)).toBe(8 * 1_048_576);
    expect(uploadChunkSize(16_777_216)).toBe(16_777_216);
    expect(uploadChunkSize(64, 100)).toBe(128);
  });
});
