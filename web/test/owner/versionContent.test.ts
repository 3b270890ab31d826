import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { ApiError } from '../../src/api/http';
import type { FileItem, Version } from '../../src/api/owner';
import { sealBytes, sealMetadata, toBase64Url, wrapContentKey, wrapOwnerFileKey, type VersionMetadata } from '../../src/crypto';
import { openOwnerVersion, ownerPreviewSource } from '../../src/owner/files/versionContent';
import { plaintextBlob } from '../../src/preview/previewSource';
import { pseudoRandom } from '../helpers';

afterEach(() => vi.unstubAllGlobals());

const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const accountKey = pseudoRandom(32, 61);
const fileKey = pseudoRandom(32, 62);
const contentKey = pseudoRandom(32, 63);
const fileId = '5d2e8c1a-7f3b-4a69-9c0d-1e2f3a4b5c6d';
const contentId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const plaintext = pseudoRandom(1000, 64);

/** An owner's file whose version 2 seals `plaintext` (as an upload commits it), and a fetch that serves `served`. */
async function setup(options: { served?: Uint8Array; serverHash?: string; status?: number } = {}) {
  const sealed = await sealBytes(plaintext, { contentKey, fileId, contentId }, { segmentSize: 256 });
  const meta: VersionMetadata = {
    name: 'Report v2.pdf',
    size: plaintext.length,
    sha256: hash(plaintext),
    mediaType: 'application/pdf',
    modified: '2026-12-04T12:00:00.000Z',
    uploader: 'olivia@example.com',
    ciphertextSha256: hash(sealed),
    basedOn: 1,
  };
  const version: Version = {
    number: 2,
    contentId,
    ciphertextLength: sealed.length,
    ciphertextSha256: options.serverHash ?? hash(sealed),
    createdAt: meta.modified,
    uploader: meta.uploader,
    basedOn: 1,
    restoredFrom: null,
    wrappedContentKey: toBase64Url(await wrapContentKey(fileKey, fileId, contentId, contentKey)),
    sealedMetadata: toBase64Url(await sealMetadata(contentKey, fileId, contentId, meta)),
  };
  const file: FileItem = {
    id: fileId,
    folderId: null,
    extension: 'pdf',
    sealedName: '',
    wrappedFileKey: toBase64Url(await wrapOwnerFileKey(accountKey, fileId, fileKey)),
    createdAt: meta.modified,
    updatedAt: meta.modified,
    trashedAt: null,
    currentVersion: version,
  };
  const fetched: { url: string; init: RequestInit }[] = [];
  const served = options.served ?? sealed;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    fetched.push({ url: String(url), init });
    if (options.status) {
      return new Response(JSON.stringify({ status: options.status, errorCode: 'file-not-found', detail: 'There is no such file.' }), {
        status: options.status,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    return new Response(served.slice() as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'Content-Type': 'application/octet-stream' } });
  });
  return { sealed, file, version, fetched };
}

const read = async (stream: ReadableStream<Uint8Array<ArrayBuffer>>) => new Uint8Array(await (await plaintextBlob(stream, '')).arrayBuffer());

describe('owner preview source (the owner content route, the owner’s keys)', () => {
  it('describes the version from its sealed metadata and fetches nothing until the pane opens it', async () => {
    const { file, version, fetched } = await setup();
    const source = ownerPreviewSource(await openOwnerVersion(accountKey, file, version), 'Report.pdf');
    expect(source).toMatchObject({ number: 2, name: 'Report.pdf', extension: 'pdf', mediaType: 'application/pdf', size: plaintext.length });
    expect(source.key).toBe(`${fileId}/2/${contentId}`);
    expect(fetched).toEqual([]);
  });

  it('opens the genuine version from the same route as owner downloads, with the session cookie', async () => {
    const { file, version, fetched } = await setup();
    const source = ownerPreviewSource(await openOwnerVersion(accountKey, file, version), null);
    expect(source.name).toBe('Report v2.pdf');
    expect(await read(await source.open(new AbortController().signal))).toEqual(plaintext);
    expect(fetched.map((f) => f.url)).toEqual([`/api/files/${fileId}/versions/2/content`]);
    expect(fetched[0]!.init.credentials).toBe('same-origin');
  });

  it('refuses before fetching when the sealed ciphertext SHA-256 is not the server’s record of the version', async () => {
    const { file, version, fetched } = await setup({ serverHash: 'e'.repeat(64) });
    await expect(openOwnerVersion(accountKey, file, version)).rejects.toThrow(/does not match its sealed details/);
    expect(fetched).toEqual([]);
  });

  it('does not open with another account key', async () => {
    const { file, version } = await setup();
    const otherFile = { ...file, id: '11111111-2222-4333-8444-555555555555' };
    await expect(openOwnerVersion(pseudoRandom(32, 65), otherFile, version)).rejects.toThrow();
  });

  it('fails the stream, with a sentence for the pane, when a byte of the served ciphertext was altered', async () => {
    const { sealed } = await setup();
    const bad = sealed.slice();
    bad[600]! ^= 0x01;
    const { file, version } = await setup({ served: bad });
    const source = ownerPreviewSource(await openOwnerVersion(accountKey, file, version), 'Report.pdf');
    const error = await read(await source.open(new AbortController().signal)).catch((e: unknown) => e);
    expect(source.describe(error)).toMatch(/^Decryption failed/);
  });

  it('turns a refused content request into the server’s problem', async () => {
    const { file, version } = await setup({ status: 404 });
    const source = ownerPreviewSource(await openOwnerVersion(accountKey, file, version), 'Report.pdf');
    const error = await source.open(new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(source.describe(error)).toBe('There is no such file.');
  });
});
