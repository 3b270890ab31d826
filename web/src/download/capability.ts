/** How a download of a given size can reach the disk in this browser. */
export type DownloadMethod = 'file-system-access' | 'service-worker' | 'memory';

export type DownloadCapability = { method: DownloadMethod } | { method: null; reason: string };

/** Below this size a download may be assembled in memory when the browser can stream neither way. */
export const MEMORY_DOWNLOAD_LIMIT = 64 * 1024 * 1024;

export interface DownloadEnvironment {
  hasFileSystemAccess: boolean;
  serviceWorkerReady: boolean;
}

export function detectEnvironment(scope: typeof globalThis = globalThis): Omit<DownloadEnvironment, 'serviceWorkerReady'> {
  return { hasFileSystemAccess: typeof (scope as { showSaveFilePicker?: unknown }).showSaveFilePicker === 'function' };
}

/** Decided before any byte is transferred, so the page can say plainly when a file is too large for this browser. */
export function chooseDownloadMethod(size: number, env: DownloadEnvironment): DownloadCapability {
  if (env.hasFileSystemAccess) return { method: 'file-system-access' };
  if (env.serviceWorkerReady) return { method: 'service-worker' };
  if (size <= MEMORY_DOWNLOAD_LIMIT) return { method: 'memory' };
  return {
    method: null,
    reason:
      'This browser can neither write a download straight to disk nor stream it through a service worker ' +
      '(service workers are off, for example in a private window), so a file this large cannot be decrypted here. ' +
      'Open the link in a normal window of a current Chrome, Edge, Firefox or Safari, or use the coffer command-line tool.',
  };
}
