import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const vectorsDir = fileURLToPath(new URL('../../test-vectors/', import.meta.url));

export function vectorFiles(): string[] {
  if (!existsSync(vectorsDir)) return [];
  return readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort();
}

export function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(join(vectorsDir, relative), 'utf8'));
}

/** Deterministic pseudo-random bytes for test plaintexts (not for keys). */
export function pseudoRandom(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream) chunks.push(c);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** A stream that delivers `bytes` in chunks of the given size, to exercise the opener's buffering. */
export function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}
