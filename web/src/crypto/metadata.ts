import { fromUtf8, utf8 } from './bytes';
import { openBox, sealBox } from './box';
import { InvalidEncodingError, UnknownFormatVersionError } from './errors';
import { Labels } from './labels';
import { hkdf } from './primitives';

/** The sealed per-version record of CRYPTO.md §5. */
export interface VersionMetadata {
  name: string;
  size: number;
  sha256: string;
  mediaType: string;
  modified: string;
  uploader: string;
  ciphertextSha256: string;
  basedOn: number | null;
}

/** Exactly the keys of §5 in their order, no insignificant white space. */
export function serializeMetadata(m: VersionMetadata): string {
  return JSON.stringify({
    v: 1,
    name: m.name,
    size: m.size,
    sha256: m.sha256,
    mediaType: m.mediaType,
    modified: m.modified,
    uploader: m.uploader,
    ciphertextSha256: m.ciphertextSha256,
    basedOn: m.basedOn,
  });
}

const hex64 = /^[0-9a-f]{64}$/;

/** Accepts any key order and ignores unknown keys; `v` other than 1 is an unknown format version. */
export function parseMetadata(json: string): VersionMetadata {
  let o: unknown;
  try {
    o = JSON.parse(json);
  } catch {
    throw new InvalidEncodingError('The metadata is not JSON.');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new InvalidEncodingError('The metadata is not a JSON object.');
  const r = o as Record<string, unknown>;
  if (r.v !== 1) throw new UnknownFormatVersionError(`Unknown metadata version ${String(r.v)}.`);
  const str = (k: string) => {
    if (typeof r[k] !== 'string') throw new InvalidEncodingError(`The metadata field ${k} must be a string.`);
    return r[k];
  };
  const size = r.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new InvalidEncodingError('The metadata size must be a non-negative integer.');
  const basedOn = r.basedOn ?? null;
  if (basedOn !== null && (typeof basedOn !== 'number' || !Number.isSafeInteger(basedOn) || basedOn < 1)) {
    throw new InvalidEncodingError('The metadata basedOn must be a version number or null.');
  }
  const meta: VersionMetadata = {
    name: str('name'),
    size,
    sha256: str('sha256'),
    mediaType: str('mediaType'),
    modified: str('modified'),
    uploader: str('uploader'),
    ciphertextSha256: str('ciphertextSha256'),
    basedOn,
  };
  if (!hex64.test(meta.sha256) || !hex64.test(meta.ciphertextSha256)) throw new InvalidEncodingError('The metadata hashes must be 64 lowercase hex characters.');
  return meta;
}

export const metadataKey = (contentKey: Uint8Array) => hkdf(contentKey, new Uint8Array(0), Labels.metadataKeyInfo);

export async function sealMetadata(contentKey: Uint8Array, fileId: string, contentId: string, meta: VersionMetadata, nonce?: Uint8Array) {
  return sealBox(await metadataKey(contentKey), utf8(serializeMetadata(meta)), Labels.metadata(fileId, contentId), nonce);
}

export async function openMetadata(contentKey: Uint8Array, fileId: string, contentId: string, sealed: Uint8Array): Promise<VersionMetadata> {
  return parseMetadata(fromUtf8(await openBox(await metadataKey(contentKey), sealed, Labels.metadata(fileId, contentId))));
}

/** ISO 8601 UTC with milliseconds and Z, as §5 requires. */
export const formatModified = (epochMs: number) => new Date(epochMs).toISOString();
