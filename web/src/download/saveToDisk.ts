import { chooseDownloadMethod, detectEnvironment, type DownloadCapability } from './capability';
import { pumpToPort } from './pagePump';
import { DOWNLOAD_PATH, type DownloadRequest, type WorkerToPage } from './protocol';

let worker: Promise<ServiceWorker | null> | null = null;

/**
 * Registers /sw.js once, scoped to the download path only (so API calls and uploads never pass through a worker), and
 * waits until it is active; null when service workers are unavailable (insecure context, private window, blocked).
 */
export function ensureDownloadWorker(timeoutMs = 5000): Promise<ServiceWorker | null> {
  worker ??= (async () => {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return null;
    try {
      const registration = await navigator.serviceWorker.register('/sw.js', { scope: DOWNLOAD_PATH });
      const candidate = registration.active ?? registration.waiting ?? registration.installing;
      if (!candidate) return null;
      if (candidate.state === 'activated') return candidate;
      const activated = new Promise<ServiceWorker>((resolve) =>
        candidate.addEventListener('statechange', () => candidate.state === 'activated' && resolve(candidate)),
      );
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
      return await Promise.race([activated, timeout]);
    } catch {
      return null;
    }
  })();
  return worker;
}

export async function downloadCapability(size: number): Promise<DownloadCapability> {
  const env = detectEnvironment();
  const serviceWorkerReady = env.hasFileSystemAccess ? false : (await ensureDownloadWorker()) !== null;
  return chooseDownloadMethod(size, { ...env, serviceWorkerReady });
}

export interface SaveRequest {
  fileName: string;
  size: number;
  mediaType: string;
}

type SavePicker = (options: { suggestedName: string }) => Promise<FileSystemFileHandle>;

/**
 * Asks where to save, before any byte is fetched (File System Access needs the user's click to still be fresh).
 * Returns a function that writes the plaintext stream there; `null` from the picker means the person cancelled.
 */
export async function prepareSave(request: SaveRequest, capability: DownloadCapability): Promise<(plaintext: ReadableStream<Uint8Array>) => Promise<void>> {
  switch (capability.method) {
    case 'file-system-access': {
      const picker = (window as unknown as { showSaveFilePicker: SavePicker }).showSaveFilePicker;
      const handle = await picker({ suggestedName: request.fileName });
      return async (plaintext) => {
        const writable = await handle.createWritable();
        // pipeTo aborts the writable on error, so a failed or tampered download leaves no partial file.
        await plaintext.pipeTo(writable as unknown as WritableStream<Uint8Array>);
      };
    }
    case 'service-worker':
      return (plaintext) => saveThroughWorker(request, plaintext);
    case 'memory':
      return async (plaintext) => {
        const blob = await new Response(plaintext as ReadableStream<Uint8Array<ArrayBuffer>>).blob();
        clickDownload(URL.createObjectURL(new Blob([blob], { type: request.mediaType })), request.fileName);
      };
    default:
      throw new Error(capability.reason);
  }
}

async function saveThroughWorker(request: SaveRequest, plaintext: ReadableStream<Uint8Array>): Promise<void> {
  const worker = await ensureDownloadWorker();
  if (!worker) throw new Error('The download service worker is not running.');
  const channel = new MessageChannel();
  const id = crypto.randomUUID();
  const message: DownloadRequest = { type: 'coffer-download', id, ...request };
  const registered = new Promise<void>((resolve) => {
    channel.port1.onmessage = (event: MessageEvent<WorkerToPage>) => {
      if (event.data.type === 'registered') resolve();
    };
  });
  worker.postMessage(message, [channel.port2]);
  await registered;
  const done = pumpToPort(plaintext, channel.port1);
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.src = DOWNLOAD_PATH + id;
  document.body.append(frame);
  // Messages to the worker itself keep it alive; a MessagePort's traffic alone does not in every browser.
  const keepAlive = setInterval(() => worker.postMessage({ type: 'ping' }), 10_000);
  try {
    await done;
  } finally {
    clearInterval(keepAlive);
    setTimeout(() => frame.remove(), 1000);
  }
}

function clickDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
