import { contentDisposition } from './contentDisposition';
import type { DownloadRequest, PageToWorker, WorkerToPage } from './protocol';
import { DOWNLOAD_PATH } from './protocol';

const post = (port: MessagePort, message: WorkerToPage) => port.postMessage(message);

/** A ReadableStream whose every pull asks the page for the next chunk over a MessagePort. */
export function portStream(port: MessagePort): ReadableStream<Uint8Array> {
  let pending: ((message: PageToWorker) => void) | null = null;
  port.onmessage = (event: MessageEvent<PageToWorker>) => {
    const resolve = pending;
    pending = null;
    resolve?.(event.data);
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        return new Promise<void>((resolve) => {
          pending = (message) => {
            if (message.type === 'chunk') controller.enqueue(message.chunk);
            else if (message.type === 'end') {
              controller.close();
              port.close();
            } else {
              controller.error(new Error(message.message));
              port.close();
            }
            resolve();
          };
          post(port, { type: 'pull' });
        });
      },
      cancel() {
        post(port, { type: 'cancel' });
        port.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The download response: exact plaintext length, attachment with the real name, never cached or sniffed. */
export function downloadResponse(request: DownloadRequest, body: ReadableStream<Uint8Array>): Response {
  return new Response(body as ReadableStream<Uint8Array<ArrayBuffer>>, {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(request.size),
      'Content-Disposition': contentDisposition(request.fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Pending downloads by id, registered by the page and taken (once) by the fetch of DOWNLOAD_PATH + id. */
export class DownloadRegistry {
  private readonly pending = new Map<string, { request: DownloadRequest; port: MessagePort }>();

  register(request: DownloadRequest, port: MessagePort): void {
    this.pending.set(request.id, { request, port });
    post(port, { type: 'registered' });
  }

  /** The response for a download URL, or null when the URL is not a download or the id is unknown/used. */
  take(url: string): Response | null {
    const path = new URL(url).pathname;
    if (!path.startsWith(DOWNLOAD_PATH)) return null;
    const id = path.slice(DOWNLOAD_PATH.length);
    const entry = this.pending.get(id);
    if (!entry) return null;
    this.pending.delete(id);
    post(entry.port, { type: 'started' });
    return downloadResponse(entry.request, portStream(entry.port));
  }
}
