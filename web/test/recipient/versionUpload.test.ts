import { describe, expect, it } from 'vitest';
import { loadResumable, resumeKey, type UploadStore } from '../../src/recipient/versionUpload';

class MemoryStore implements UploadStore {
  readonly items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

describe('resumable upload state', () => {
  it('is keyed by link, size, time and name, so only the same file resumes', () => {
    const file = { name: 'Report v2.pdf', size: 1234, lastModified: 1_700_000_000_000 };
    expect(resumeKey('L1', file)).toBe('coffer:upload:L1:1234:1700000000000:Report v2.pdf');
    expect(resumeKey('L2', file)).not.toBe(resumeKey('L1', file));
    expect(resumeKey('L1', { ...file, size: 1235 })).not.toBe(resumeKey('L1', file));
  });

  it('drops a saved state that does not parse or holds keys of the wrong length', () => {
    const store = new MemoryStore();
    store.setItem('k', '{not json');
    expect(loadResumable(store, 'k')).toBeNull();
    expect(store.items.has('k')).toBe(false);
    store.setItem('k', JSON.stringify({ uploadUrl: null, contentId: 'c', contentKey: 'AAAA', salt: 'AAAA', noncePrefix: 'AAAA' }));
    expect(loadResumable(store, 'k')).toBeNull();
    const good = {
      uploadUrl: '/api/l/L/uploads/0123',
      contentId: 'c',
      contentKey: 'A'.repeat(42) + 'A',
      salt: 'B'.repeat(42) + 'A',
      noncePrefix: 'AAAAAAAAAA',
    };
    store.setItem('k', JSON.stringify(good));
    expect(loadResumable(store, 'k')).toEqual(good);
  });
});

describe('upload errors', () => {
  const failure = (status: number, body: string) => Object.assign(new Error('tus: failed'), { originalResponse: { getStatus: () => status, getBody: () => body } });

  it('carries the server’s problem code, so an ended session or a closed link is handled like any other request', async () => {
    const { uploadError } = await import('../../src/recipient/versionUpload');
    expect(uploadError(failure(403, JSON.stringify({ errorCode: 'link-suspended', detail: 'Suspended.' })))).toMatchObject({ errorCode: 'link-suspended', status: 403 });
    expect(uploadError(failure(413, JSON.stringify({ errorCode: 'upload-too-large', detail: 'Too large.' })))).toMatchObject({ errorCode: 'upload-too-large', detail: 'Too large.' });
  });

  it('explains a dropped connection as resumable', async () => {
    const { uploadError } = await import('../../src/recipient/versionUpload');
    expect(uploadError(Object.assign(new Error('tus: network'), { originalResponse: null })).message).toMatch(/same file again to continue/);
    expect(uploadError(failure(502, '<html>bad gateway</html>')).message).toMatch(/connection to the server was lost/);
  });
});
