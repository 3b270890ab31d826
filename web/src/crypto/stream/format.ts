import { concat, requireLength } from '../bytes';
import { NotACofferStreamError, TamperedError, TruncatedError, UnknownFormatVersionError } from '../errors';
import { Labels } from '../labels';
import { hkdf, importAesKey, TAG_LENGTH } from '../primitives';

export const MAGIC = Uint8Array.of(0x43, 0x4f, 0x46, 0x53);
export const STREAM_VERSION = 0x01;
export const HEADER_LENGTH = 48;
export const SALT_LENGTH = 32;
export const NONCE_PREFIX_LENGTH = 7;
export const MIN_SEGMENT_SIZE = 64;
export const MAX_SEGMENT_SIZE = 16_777_216;
export const DEFAULT_SEGMENT_SIZE = 1_048_576;
export const MAX_SEGMENTS = 2 ** 32;

/** The fixed 48-byte header of a sealed stream. */
export interface StreamHeader {
  segmentSize: number;
  salt: Uint8Array;
  noncePrefix: Uint8Array;
}

export function checkSegmentSize(c: number): void {
  if (!Number.isInteger(c) || c < MIN_SEGMENT_SIZE || c > MAX_SEGMENT_SIZE) throw new TamperedError(`Segment size ${c} is out of range.`);
}

export function encodeHeader(h: StreamHeader): Uint8Array<ArrayBuffer> {
  checkSegmentSize(h.segmentSize);
  requireLength(h.salt, SALT_LENGTH, 'The salt');
  requireLength(h.noncePrefix, NONCE_PREFIX_LENGTH, 'The nonce prefix');
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, h.segmentSize);
  return concat(MAGIC, Uint8Array.of(STREAM_VERSION), size, h.salt, h.noncePrefix);
}

/** Throws NotACofferStreamError as soon as the first bytes seen disagree with the magic. */
export function checkMagic(bytes: Uint8Array): void {
  const magicLength = Math.min(bytes.length, MAGIC.length);
  for (let i = 0; i < magicLength; i++) if (bytes[i] !== MAGIC[i]) throw new NotACofferStreamError('Not a Coffer stream (wrong magic).');
}

/** Parses the header from the start of `bytes` (which may be longer); checks magic, then version, then segment size. */
export function parseHeader(bytes: Uint8Array): StreamHeader {
  checkMagic(bytes);
  if (bytes.length < HEADER_LENGTH) throw new TruncatedError('The stream ends inside its header.');
  if (bytes[4] !== STREAM_VERSION) throw new UnknownFormatVersionError(`Unknown stream format version ${bytes[4]}.`);
  const segmentSize = new DataView(bytes.buffer, bytes.byteOffset + 5, 4).getUint32(0);
  checkSegmentSize(segmentSize);
  return { segmentSize, salt: bytes.slice(9, 41), noncePrefix: bytes.slice(41, 48) };
}

export const plaintextSegmentSize = (c: number) => c - TAG_LENGTH;

export function segmentCount(plaintextLength: number, segmentSize: number): number {
  return Math.max(1, Math.ceil(plaintextLength / plaintextSegmentSize(segmentSize)));
}

/** ciphertextLength(L) = 48 + L + 16·n (CRYPTO.md §6.4). */
export function ciphertextLength(plaintextLength: number, segmentSize: number = DEFAULT_SEGMENT_SIZE): number {
  checkSegmentSize(segmentSize);
  if (!Number.isSafeInteger(plaintextLength) || plaintextLength < 0) throw new RangeError('A plaintext length is a non-negative integer.');
  return HEADER_LENGTH + plaintextLength + TAG_LENGTH * segmentCount(plaintextLength, segmentSize);
}

/** The inverse of ciphertextLength, or null for a length no sealed stream can have. */
export function tryPlaintextLength(ciphertextLength: number, segmentSize: number = DEFAULT_SEGMENT_SIZE): number | null {
  if (!Number.isInteger(segmentSize) || segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) return null;
  if (!Number.isSafeInteger(ciphertextLength)) return null;
  const m = ciphertextLength - HEADER_LENGTH;
  if (m < TAG_LENGTH) return null;
  const n = Math.ceil(m / segmentSize);
  const r = m - (n - 1) * segmentSize;
  if (r < TAG_LENGTH || r > segmentSize || (n > 1 && r <= TAG_LENGTH) || n > MAX_SEGMENTS) return null;
  return m - TAG_LENGTH * n;
}

export function plaintextLength(ciphertextLength: number, segmentSize: number = DEFAULT_SEGMENT_SIZE): number {
  const l = tryPlaintextLength(ciphertextLength, segmentSize);
  if (l === null) throw new TamperedError(`No sealed stream is ${ciphertextLength} bytes long: truncated or tampered.`);
  return l;
}

/** nonce(i, last) = noncePrefix ‖ uint32_be(i) ‖ (last ? 1 : 0). */
export function segmentNonce(noncePrefix: Uint8Array, index: number, last: boolean): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_SEGMENTS) throw new TamperedError('Too many segments.');
  const nonce = new Uint8Array(12);
  nonce.set(noncePrefix, 0);
  new DataView(nonce.buffer).setUint32(7, index);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export async function deriveSegmentKeyBytes(contentKey: Uint8Array, salt: Uint8Array, fileId: string, contentId: string) {
  return hkdf(contentKey, salt, Labels.streamSegmentKeyInfo(fileId, contentId));
}

/** The segment key, imported once per stream (never per segment). */
export async function importSegmentKey(contentKey: Uint8Array, salt: Uint8Array, fileId: string, contentId: string): Promise<CryptoKey> {
  return importAesKey(await deriveSegmentKeyBytes(contentKey, salt, fileId, contentId));
}

/** Which object a stream belongs to; bound into its segment key. */
export interface StreamBinding {
  contentKey: Uint8Array;
  fileId: string;
  contentId: string;
}
