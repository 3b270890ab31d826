/// <reference lib="webworker" />
// The download service worker, served at /sw.js: it turns a stream posted by the page into a real file download.
import type { DownloadRequest } from './protocol';
import { DownloadRegistry } from './workerCore';

declare const self: ServiceWorkerGlobalScope;

const registry = new DownloadRegistry();

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data as DownloadRequest | { type: 'ping' } | undefined;
  if (data?.type === 'coffer-download' && event.ports[0]) registry.register(data, event.ports[0]);
});

self.addEventListener('fetch', (event) => {
  const response = registry.take(event.request.url);
  if (response) event.respondWith(response);
});
