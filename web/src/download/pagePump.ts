import type { PageToWorker, WorkerToPage } from './protocol';

/** Answers the worker's pulls from `source`; resolves when the last chunk was handed over, rejects on error or cancel. */
export function pumpToPort(source: ReadableStream<Uint8Array>, port: MessagePort, onStarted?: () => void): Promise<void> {
  const reader = source.getReader();
  const post = (message: PageToWorker, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  return new Promise<void>((resolve, reject) => {
    port.onmessage = async (event: MessageEvent<WorkerToPage>) => {
      const message = event.data;
      if (message.type === 'started') onStarted?.();
      else if (message.type === 'cancel') {
        await reader.cancel().catch(() => undefined);
        port.close();
        reject(new DownloadCancelledError());
      } else if (message.type === 'pull') {
        try {
          const { done, value } = await reader.read();
          if (done) {
            post({ type: 'end' });
            port.close();
            resolve();
          } else {
            const chunk = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value : value.slice();
            post({ type: 'chunk', chunk }, [chunk.buffer as ArrayBuffer]);
          }
        } catch (error) {
          post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
          port.close();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    };
  });
}

/** The person cancelled the download in the browser's download UI. */
export class DownloadCancelledError extends Error {
  override readonly name = 'DownloadCancelledError';
}
