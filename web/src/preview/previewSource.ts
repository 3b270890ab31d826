import { formatBytes } from '../app/format';
import { MEDIA_PREVIEW_LIMIT, previewKind, type PreviewKind } from './mediaKind';

/**
 * What PreviewPane needs to show one version, whoever holds the keys: the version's sealed details (already opened) and a
 * way to get its verified plaintext. The recipient page builds one from its link API (purpose=preview), the owner app
 * from the owner content route; the pane itself knows neither.
 */
export interface PreviewSource {
  /** Identity of what is shown: the pane fetches again only when this changes (a data refresh must not refetch and log). */
  key: string;
  number: number;
  /** The file's decrypted name (for labels only). */
  name: string;
  extension: string;
  /** From the sealed metadata. */
  mediaType: string;
  size: number;
  /**
   * The plaintext as a stream that releases a segment only after its tag verifies and errors at the end unless the size
   * and plaintext SHA-256 match the sealed metadata. Called only once the pane has decided to show the file.
   */
  open(signal: AbortSignal): Promise<ReadableStream<Uint8Array<ArrayBuffer>>>;
  /** A sentence for a failure of `open` or of the stream. */
  describe(error: unknown): string;
}

/** Reads a whole decrypted version into a Blob of the given type (previews only: downloads stream to disk). */
export async function plaintextBlob(stream: ReadableStream<Uint8Array<ArrayBuffer>>, type: string): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return new Blob(parts, { type });
}

/**
 * The first `limit` bytes of a decrypted stream and its whole length. The rest is read and dropped, not kept: the stream
 * still has to reach its end, where the size and plaintext SHA-256 are checked, before anything is shown.
 */
export async function plaintextHead(stream: ReadableStream<Uint8Array<ArrayBuffer>>, limit: number): Promise<{ head: Uint8Array<ArrayBuffer>; total: number }> {
  const head = new Uint8Array(limit);
  let kept = 0;
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.length;
    if (kept < limit) {
      const part = value.subarray(0, limit - kept);
      head.set(part, kept);
      kept += part.length;
    }
  }
  return { head: head.slice(0, kept), total };
}

/** What the pane will do with a version before fetching anything: the viewer, or why there is none (type or size). */
export function previewPlan(source: Pick<PreviewSource, 'mediaType' | 'extension' | 'size'>): { kind: PreviewKind; refusal: string | null } {
  const kind = previewKind(source.mediaType, source.extension);
  if (kind === 'none') return { kind, refusal: `A preview is not available for this type of file (${source.mediaType}).` };
  if (kind !== 'text' && source.size > MEDIA_PREVIEW_LIMIT) {
    return {
      kind,
      refusal: `This file is ${formatBytes(source.size)}: previews decrypt the whole file in memory, so files over ${formatBytes(MEDIA_PREVIEW_LIMIT)} are not previewed. Download it instead.`,
    };
  }
  return { kind, refusal: null };
}
