/** Messages between the page and the download service worker (sw.ts); the page answers pulls, so backpressure is end to end. */
export interface DownloadRequest {
  type: 'coffer-download';
  id: string;
  fileName: string;
  size: number;
  mediaType: string;
}

export type PageToWorker = { type: 'chunk'; chunk: Uint8Array } | { type: 'end' } | { type: 'error'; message: string };
export type WorkerToPage = { type: 'registered' } | { type: 'started' } | { type: 'pull' } | { type: 'cancel' };

export const DOWNLOAD_PATH = '/_coffer/download/';
