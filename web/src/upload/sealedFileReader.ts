import type { BlobSealer } from '../crypto';

/** The shape of tus-js-client's `fileReader` option (its typings do not export it). */
export interface TusFileReader {
  openFile(input: unknown, chunkSize: number): Promise<TusFileSource>;
}

/** Slices are Blobs because tus-js-client 4 measures each slice by its `size`, which a byte array lacks. */
export interface TusFileSource {
  size: number;
  slice(start: number, end: number): Promise<{ value: Blob; done: boolean }>;
  close(): void;
}

/**
 * A tus-js-client `fileReader` that uploads the sealed stream of a File instead of the File: each ciphertext slice is
 * re-created from the plaintext on demand, so an upload can resume at any offset (after a dropped connection or a reload
 * with the same CK, salt and nonce prefix) and the whole file is never in memory.
 */
export function sealedFileReader(sealer: BlobSealer): TusFileReader {
  return {
    openFile: async () => ({
      size: sealer.ciphertextLength,
      async slice(start, end) {
        const stop = Math.min(end, sealer.ciphertextLength);
        return { value: new Blob([await sealer.sealRange(start, stop)]), done: stop >= sealer.ciphertextLength };
      },
      close() {},
    }),
  };
}

/** Upload chunk size: a whole number of segments (at least one), near the wanted size. */
export function uploadChunkSize(segmentSize: number, wanted = 8 * 1024 * 1024): number {
  return Math.max(1, Math.round(wanted / segmentSize)) * segmentSize;
}
