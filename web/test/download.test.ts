import { describe, expect, it } from 'vitest';
import { chooseDownloadMethod, MEMORY_DOWNLOAD_LIMIT } from '../src/download/capability';
import { contentDisposition } from '../src/download/contentDisposition';
import { DownloadCancelledError, pumpToPort } from '../src/download/pagePump';
import { DOWNLOAD_PATH } from '../src/download/protocol';
import { DownloadRegistry } from '../src/download/workerCore';
import { BlobSealer, openStream } from '../src/crypto';
import { chunked, pseudoRandom } from './helpers';

describe('Content-Disposition', () => {
  it('keeps ASCII names and adds the RFC 8187 form', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it('encodes any script and neutralises quotes, slashes and control characters', () => {
    const header = contentDisposition('Отчёт "Q4"\r\n/../é 📄.pdf');
    const [, fallback, encoded] = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(header)!;
    expect(fallback).toMatch(/^[\x20-\x7e]+$/);
    expect(fallback).toContain('_Q4_');
    expect(encoded).toMatch(/^[A-Za-z0-9%._~!-]+$/);
    expect(decodeURIComponent(encoded!)).toBe('Отчёт "Q4"___.._é 📄.pdf');
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe('choosing how to save', () => {
  it('prefers File System Access, then the service worker, then memory for small files only', () => {
    expect(chooseDownloadMethod(5e9, { hasFileSystemAccess: true, serviceWorkerReady: true })).toEqual({ method: 'file-system-access' });
    expect(chooseDownloadMethod(5e9, { hasFileSystemAccess: false, serviceWorkerReady: true })).toEqual({ method: 'service-worker' });
    expect(chooseDownloadMethod(MEMORY_DOWNLOAD_LIMIT, { hasFileSystemAccess: false, serviceWorkerReady: false })).toEqual({ method: 'memory' });
    const refused = chooseDownloadMethod(MEMORY_DOWNLOAD_LIMIT + 1, { hasFileSystemAccess: false, serviceWorkerReady: false });
    expect(refused.method).toBeNull();
    expect('reason' in refused && refused.reason).toMatch(/cannot be decrypted here/);
  });
});

describe('service-worker download', () => {
  const request = { type: 'coffer-download' as const, id: 'abc', fileName: 'Отчёт.pdf', mediaType: 'application/pdf' };

  it('streams a decrypted file from the page to the download response with its exact size, pull by pull', async () => {
    const binding = { contentKey: pseudoRandom(32, 1), fileId: 'f', contentId: 'c' };
    const plaintext = pseudoRandom(5000, 3);
    const sealer = await BlobSealer.create(new Blob([plaintext]), binding, { segmentSize: 256 });
    const decrypted = chunked(await sealer.sealRange(0, sealer.ciphertextLength), 300).pipeThrough(openStream(binding));

    const registry = new DownloadRegistry();
    const channel = new MessageChannel();
    registry.register({ ...request, size: plaintext.length }, channel.port2);
    expect(registry.take('http://127.0.0.1/other')).toBeNull();
    expect(registry.take(`http://127.0.0.1${DOWNLOAD_PATH}unknown`)).toBeNull();

    let started = false;
    const pumped = pumpToPort(decrypted, channel.port1, () => (started = true));
    const response = registry.take(`http://127.0.0.1${DOWNLOAD_PATH}abc`)!;
    expect(response.headers.get('Content-Length')).toBe('5000');
    expect(response.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Отчёт.pdf')}`);
    expect(registry.take(`http://127.0.0.1${DOWNLOAD_PATH}abc`)).toBeNull();
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(plaintext);
    await pumped;
    expect(started).toBe(true);
  });

  it('a decryption error reaches the download as an error, not as a short file', async () => {
    const binding = { contentKey: pseudoRandom(32, 1), fileId: 'f', contentId: 'c' };
    const sealer = await BlobSealer.create(new Blob([pseudoRandom(1000)]), binding, { segmentSize: 256 });
    const sealed = await sealer.sealRange(0, sealer.ciphertextLength);
    sealed[sealed.length - 1]! ^= 1;
    const registry = new DownloadRegistry();
    const channel = new MessageChannel();
    registry.register({ ...request, size: 1000 }, channel.port2);
    const pumped = pumpToPort(chunked(sealed, 100).pipeThrough(openStream(binding)), channel.port1).catch((e: unknown) => e);
    const response = registry.take(`http://127.0.0.1${DOWNLOAD_PATH}abc`)!;
    await expect(response.arrayBuffer()).rejects.toThrow(/did not verify/);
    expect(String(await pumped)).toMatch(/did not verify/);
  });

  it('cancelling the download cancels the source', async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(10)),
      cancel: () => void (cancelled = true),
    });
    const registry = new DownloadRegistry();
    const channel = new MessageChannel();
    registry.register({ ...request, size: 1e6 }, channel.port2);
    const pumped = pumpToPort(source, channel.port1);
    const reader = registry.take(`http://127.0.0.1${DOWNLOAD_PATH}abc`)!.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect(pumped).rejects.toBeInstanceOf(DownloadCancelledError);
    expect(cancelled).toBe(true);
  });
});
