import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../bytes';
import { AuthenticationFailedError, TamperedError, TruncatedError } from '../errors';
import { aesGcmOpen, TAG_LENGTH } from '../primitives';
import { ByteQueue } from './byteQueue';
import {
  checkMagic,
  HEADER_LENGTH,
  importSegmentKey,
  parseHeader,
  plaintextSegmentSize,
  segmentCount,
  segmentNonce,
  type StreamBinding,
  type StreamHeader,
  tryPlaintextLength,
} from './format';

const empty = new Uint8Array(0);

/** Opens segment `index` of a stream, naming the failure as CRYPTO.md §6.5 does. */
async function openSegment(key: CryptoKey, header: StreamHeader, index: number, segment: Uint8Array, last: boolean, moreFollows: boolean) {
  try {
    return await aesGcmOpen(key, segmentNonce(header.noncePrefix, index, last), segment, empty);
  } catch (error) {
    if (!(error instanceof AuthenticationFailedError)) throw error;
    // Only on failure: tell a cut-off stream or appended bytes apart from a wrong key, by trying the other flag.
    const other = await aesGcmOpen(key, segmentNonce(header.noncePrefix, index, !last), segment, empty).then(
      () => true,
      () => false,
    );
    if (other && last) throw new TruncatedError('The stream ends without its final segment.');
    if (other && moreFollows) throw new TamperedError('Bytes follow the final segment.');
    throw error;
  }
}

/**
 * What the version metadata says about the plaintext, compared once the whole stream has been read. There is no
 * ciphertext hash here on purpose (CRYPTO.md §5.1): every segment verifying under the segment key, in order, with the
 * final flag on the last one, already proves these are the uploader's exact sealed bytes. The caller compares the sealed
 * `ciphertextSha256` with the server's recorded hash for the version instead, which costs no pass over the bytes.
 */
export interface ExpectedDigests {
  sha256?: string;
  size?: number;
}

/**
 * A TransformStream from sealed-stream bytes to plaintext: each segment is released only after its tag verifies;
 * the stream errors (typed CofferCryptoError) on a wrong key, truncation, tampering, or a size or plaintext SHA-256
 * that differs from `expected`.
 */
export function openStream(binding: StreamBinding, expected: ExpectedDigests = {}): TransformStream<Uint8Array, Uint8Array<ArrayBuffer>> {
  const queue = new ByteQueue();
  let header: StreamHeader | null = null;
  let key: CryptoKey | null = null;
  let index = 0;
  let released = 0;
  const plainHash = expected.sha256 !== undefined ? nobleSha256.create() : null;

  const count = (plaintext: Uint8Array) => {
    plainHash?.update(plaintext);
    released += plaintext.length;
  };
  const release = (controller: TransformStreamDefaultController<Uint8Array<ArrayBuffer>>, plaintext: Uint8Array<ArrayBuffer>) => {
    count(plaintext);
    if (plaintext.length > 0) controller.enqueue(plaintext);
  };

  const readHeader = async () => {
    const bytes = queue.take(HEADER_LENGTH);
    header = parseHeader(bytes);
    key = await importSegmentKey(binding.contentKey, header.salt, binding.fileId, binding.contentId);
  };

  return new TransformStream<Uint8Array, Uint8Array<ArrayBuffer>>({
    async transform(chunk, controller) {
      queue.push(chunk);
      if (header === null) {
        if (queue.length < HEADER_LENGTH) {
          checkMagic(queue.peek(Math.min(queue.length, 4)));
          return;
        }
        await readHeader();
      }
      const c = header!.segmentSize;
      // Hold back up to one segment: only the end of the stream tells which segment is the final one.
      while (queue.length > c) {
        release(controller, await openSegment(key!, header!, index, queue.take(c), false, true));
        index++;
      }
    },
    async flush(controller) {
      if (header === null) {
        if (queue.length < HEADER_LENGTH) {
          checkMagic(queue.peek(queue.length));
          throw new TruncatedError('The stream ends inside its header.');
        }
        await readHeader();
      }
      const rest = queue.take(queue.length);
      if (rest.length < TAG_LENGTH) throw new TruncatedError('The stream ends without its final segment.');
      if (rest.length === TAG_LENGTH && index > 0) throw new TamperedError('An empty final segment follows other segments.');
      // The final segment's plaintext is held back until the size and hash are checked: a consumer that counts bytes (a
      // service-worker download with Content-Length) never receives the whole file of a stream that fails at the end.
      const last = await openSegment(key!, header!, index, rest, true, false);
      count(last);
      if (expected.size !== undefined && released !== expected.size) throw new TamperedError('The plaintext size differs from the metadata.');
      if (plainHash && toHex(plainHash.digest()) !== expected.sha256) throw new TamperedError('The plaintext SHA-256 differs from the metadata.');
      if (last.length > 0) controller.enqueue(last);
    },
  });
}

/** Opens a whole sealed stream held in memory (small values, tests). */
export async function openBytes(sealed: Uint8Array, binding: StreamBinding): Promise<Uint8Array<ArrayBuffer>> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(sealed);
      controller.close();
    },
  });
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source.pipeThrough(openStream(binding))) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Where plaintext [a, b) lives in the ciphertext (CRYPTO.md §6.6). */
export interface CiphertextRange {
  start: number;
  end: number;
  firstSegment: number;
  lastSegment: number;
}

export function ciphertextRangeFor(a: number, b: number, segmentSize: number, ciphertextLength: number): CiphertextRange {
  const length = tryPlaintextLength(ciphertextLength, segmentSize);
  if (length === null) throw new TamperedError(`No sealed stream is ${ciphertextLength} bytes long.`);
  if (!(a >= 0 && a < b && b <= length)) throw new RangeError(`Bad plaintext range [${a}, ${b}) of ${length}.`);
  const p = plaintextSegmentSize(segmentSize);
  const firstSegment = Math.floor(a / p);
  const lastSegment = Math.floor((b - 1) / p);
  return {
    start: HEADER_LENGTH + firstSegment * segmentSize,
    end: Math.min(HEADER_LENGTH + (lastSegment + 1) * segmentSize, ciphertextLength),
    firstSegment,
    lastSegment,
  };
}

/** Random access into a sealed stream of known length: fetches and decrypts only the segments a range needs. */
export class RangeOpener {
  private constructor(
    readonly header: StreamHeader,
    private readonly key: CryptoKey,
    readonly ciphertextLength: number,
    readonly plaintextLength: number,
  ) {}

  static async create(binding: StreamBinding, headerBytes: Uint8Array, ciphertextLength: number): Promise<RangeOpener> {
    const header = parseHeader(headerBytes);
    const length = tryPlaintextLength(ciphertextLength, header.segmentSize);
    if (length === null) throw new TamperedError(`No sealed stream is ${ciphertextLength} bytes long.`);
    const key = await importSegmentKey(binding.contentKey, header.salt, binding.fileId, binding.contentId);
    return new RangeOpener(header, key, ciphertextLength, length);
  }

  /** Plaintext [a, b); `fetchCiphertext(start, end)` returns exactly those ciphertext bytes (an HTTP Range request). */
  async read(a: number, b: number, fetchCiphertext: (start: number, end: number) => Promise<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
    if (a === b) return new Uint8Array(0);
    const c = this.header.segmentSize;
    const range = ciphertextRangeFor(a, b, c, this.ciphertextLength);
    const bytes = await fetchCiphertext(range.start, range.end);
    if (bytes.length !== range.end - range.start) throw new TruncatedError('The server returned fewer bytes than asked.');
    const n = segmentCount(this.plaintextLength, c);
    const p = plaintextSegmentSize(c);
    const out = new Uint8Array(b - a);
    for (let i = range.firstSegment; i <= range.lastSegment; i++) {
      const offset = (i - range.firstSegment) * c;
      const segment = bytes.subarray(offset, Math.min(offset + c, bytes.length));
      const plaintext = await openSegment(this.key, this.header, i, segment, i === n - 1, false);
      const segmentStart = i * p;
      const from = Math.max(a, segmentStart) - segmentStart;
      const to = Math.min(b, segmentStart + plaintext.length) - segmentStart;
      out.set(plaintext.subarray(from, to), segmentStart + from - a);
    }
    return out;
  }
}
