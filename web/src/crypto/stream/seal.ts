import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { randomBytes, toHex } from '../bytes';
import { aesGcmSeal, TAG_LENGTH } from '../primitives';
import {
  ciphertextLength,
  DEFAULT_SEGMENT_SIZE,
  encodeHeader,
  HEADER_LENGTH,
  importSegmentKey,
  NONCE_PREFIX_LENGTH,
  plaintextSegmentSize,
  SALT_LENGTH,
  segmentCount,
  segmentNonce,
  type StreamBinding,
  type StreamHeader,
} from './format';

const empty = new Uint8Array(0);

/** SHA-256 of the plaintext and of the sealed stream, fed with segments as they are sealed, in order only. */
class InOrderDigests {
  next = 0;
  private readonly plain = nobleSha256.create();
  private readonly sealed = nobleSha256.create();
  private result: { sha256: string; ciphertextSha256: string } | null = null;

  constructor(headerBytes: Uint8Array) {
    this.sealed.update(headerBytes);
  }

  offer(index: number, plaintext: Uint8Array, segment: Uint8Array): void {
    if (index !== this.next) return;
    this.plain.update(plaintext);
    this.sealed.update(segment);
    this.next++;
  }

  finish() {
    this.result ??= { sha256: toHex(this.plain.digest()), ciphertextSha256: toHex(this.sealed.digest()) };
    return this.result;
  }
}

/** Seals one plaintext Blob (a File) into a sealed stream, any ciphertext range on demand, reading only the slices needed. */
export class BlobSealer {
  readonly header: StreamHeader;
  readonly headerBytes: Uint8Array<ArrayBuffer>;
  readonly plaintextLength: number;
  readonly ciphertextLength: number;
  readonly segments: number;
  private readonly p: number;
  // Upload chunks rarely end on a segment boundary: keep the last segment so the next chunk does not seal it again.
  private lastSealed: { index: number; bytes: Uint8Array<ArrayBuffer> } | null = null;
  // A sequential upload hashes as it seals, so the metadata digests cost no second pass over the file.
  private readonly inOrder: InOrderDigests;
  /** How many segments were encrypted (for tests of the cache above). */
  segmentsSealed = 0;

  private constructor(
    private readonly blob: Blob,
    private readonly key: CryptoKey,
    header: StreamHeader,
  ) {
    this.header = header;
    this.headerBytes = encodeHeader(header);
    this.plaintextLength = blob.size;
    this.ciphertextLength = ciphertextLength(blob.size, header.segmentSize);
    this.segments = segmentCount(blob.size, header.segmentSize);
    this.p = plaintextSegmentSize(header.segmentSize);
    this.inOrder = new InOrderDigests(this.headerBytes);
  }

  /** Salt and nonce prefix are random unless given (tests, vectors, or resuming an upload whose header was kept). */
  static async create(
    blob: Blob,
    binding: StreamBinding,
    options: { segmentSize?: number; salt?: Uint8Array; noncePrefix?: Uint8Array } = {},
  ): Promise<BlobSealer> {
    const header: StreamHeader = {
      segmentSize: options.segmentSize ?? DEFAULT_SEGMENT_SIZE,
      salt: options.salt ?? randomBytes(SALT_LENGTH),
      noncePrefix: options.noncePrefix ?? randomBytes(NONCE_PREFIX_LENGTH),
    };
    encodeHeader(header);
    const key = await importSegmentKey(binding.contentKey, header.salt, binding.fileId, binding.contentId);
    return new BlobSealer(blob, key, header);
  }

  /** Seals segment i from its plaintext slice of the blob. */
  async sealSegment(index: number): Promise<Uint8Array<ArrayBuffer>> {
    if (this.lastSealed?.index === index) return this.lastSealed.bytes;
    if (!(Number.isInteger(index) && index >= 0 && index < this.segments)) throw new RangeError(`No segment ${index}.`);
    const bytes = await this.sealSegmentUncached(index);
    this.lastSealed = { index, bytes };
    return bytes;
  }

  private async sealSegmentUncached(index: number): Promise<Uint8Array<ArrayBuffer>> {
    this.segmentsSealed++;
    const start = index * this.p;
    const end = Math.min(start + this.p, this.plaintextLength);
    const plaintext = end > start ? new Uint8Array(await this.blob.slice(start, end).arrayBuffer()) : empty;
    const sealed = await aesGcmSeal(this.key, segmentNonce(this.header.noncePrefix, index, index === this.segments - 1), plaintext, empty);
    this.inOrder.offer(index, plaintext, sealed);
    return sealed;
  }

  /** Ciphertext bytes [start, end) of the sealed stream, produced from the plaintext slices that cover them. */
  async sealRange(start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
    end = Math.min(end, this.ciphertextLength);
    if (!(start >= 0 && start <= end)) throw new RangeError(`Bad ciphertext range [${start}, ${end}).`);
    const out = new Uint8Array(end - start);
    let written = 0;
    if (start < HEADER_LENGTH) {
      const part = this.headerBytes.subarray(start, Math.min(end, HEADER_LENGTH));
      out.set(part, 0);
      written = part.length;
    }
    const c = this.header.segmentSize;
    let pos = start + written;
    while (pos < end) {
      const index = Math.floor((pos - HEADER_LENGTH) / c);
      const segmentStart = HEADER_LENGTH + index * c;
      const segment = await this.sealSegment(index);
      const part = segment.subarray(pos - segmentStart, Math.min(segment.length, end - segmentStart));
      out.set(part, pos - start);
      pos += part.length;
    }
    return out;
  }

  /** The whole sealed stream as a ReadableStream: header, then one chunk per segment, read lazily. */
  stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let index = -1;
    return new ReadableStream<Uint8Array<ArrayBuffer>>(
      {
        pull: async (controller) => {
          if (index === -1) controller.enqueue(this.headerBytes);
          else controller.enqueue(await this.sealSegment(index));
          index++;
          if (index === this.segments) controller.close();
        },
      },
      { highWaterMark: 1 },
    );
  }

  /**
   * SHA-256 of the plaintext and of the whole sealed stream (metadata §5). Free after a sequential pass (an upload from
   * offset 0); otherwise (e.g. an upload resumed after a reload) the segments not yet hashed in order are sealed again.
   */
  async digests(onProgress?: (plaintextDone: number) => void): Promise<{ sha256: string; ciphertextSha256: string }> {
    while (this.inOrder.next < this.segments) {
      const index = this.inOrder.next;
      await this.sealSegmentUncached(index);
      onProgress?.(Math.min((index + 1) * this.p, this.plaintextLength));
    }
    return this.inOrder.finish();
  }
}

/** Seals bytes held in memory (small values, tests); large content goes through BlobSealer. */
export async function sealBytes(
  plaintext: Uint8Array,
  binding: StreamBinding,
  options: { segmentSize?: number; salt?: Uint8Array; noncePrefix?: Uint8Array } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const sealer = await BlobSealer.create(new Blob([plaintext as Uint8Array<ArrayBuffer>]), binding, options);
  return sealer.sealRange(0, sealer.ciphertextLength);
}

export { TAG_LENGTH };
