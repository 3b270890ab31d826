import { describe, expect, it } from 'vitest';
import { fromBase64Url, newKey, toBase64Url, unwrapContentKey, unwrapOwnerFileKey } from '../../src/crypto';
import { loadSavedUpload, ownerResumeKey, prepareUpload, type UploadTarget } from '../../src/owner/files/resumableUpload';
import type { UploadStore } from '../../src/upload/resumeStore';

class MemoryStore implements UploadStore {
  readonly items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
  dump = () => [...this.items.entries()].flat().join('\n');
}

const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
const sameFile = (lastModified = Date.UTC(2026, 11, 3)) => new File([bytes], 'Plan.pdf', { type: 'application/pdf', lastModified });
const root: UploadTarget = { kind: 'new-file', folderId: null };

/** Every spelling of a key that could land in storage: base64url, base64, hex, and a JSON array of numbers. */
function spellings(key: Uint8Array): string[] {
  const hex = [...key].map((b) => b.toString(16).padStart(2, '0')).join('');
  const base64 = btoa(String.fromCharCode(...key));
  return [toBase64Url(key), base64, base64.replace(/=+$/, ''), hex, hex.toUpperCase(), JSON.stringify([...key]), [...key].join(',')];
}

describe('owner upload resume state', () => {
  it('keeps FK and CK wrapped only (the commit boxes), never their raw bytes', async () => {
    const store = new MemoryStore();
    const accountKey = newKey();
    const upload = await prepareUpload(accountKey, 'acct', root, sameFile(), store);

    expect([...store.items.keys()]).toEqual([ownerResumeKey('acct', root, sameFile())]);
    const stored = store.dump();
    for (const raw of [...spellings(upload.fileKey), ...spellings(upload.contentKey), ...spellings(accountKey)]) expect(stored).not.toContain(raw);

    const saved = loadSavedUpload(store, ownerResumeKey('acct', root, sameFile()))!;
    expect(await unwrapOwnerFileKey(accountKey, saved.fileId, fromBase64Url(saved.wrappedFileKey!))).toEqual(upload.fileKey);
    expect(await unwrapContentKey(upload.fileKey, saved.fileId, saved.contentId, fromBase64Url(saved.wrappedContentKey))).toEqual(upload.contentKey);
  });

  it('resumes only the same file (name, size, last-modified) to the same target, with the same sealed stream', async () => {
    const store = new MemoryStore();
    const accountKey = newKey();
    const first = await prepareUpload(accountKey, 'acct', root, sameFile(), store);
    first.saved.uploadUrl = '/api/uploads/abc';
    first.save();

    const again = await prepareUpload(accountKey, 'acct', root, sameFile(), store);
    expect(again.saved).toEqual(first.saved);
    expect(again.sealer.header).toEqual(first.sealer.header);
    const end = first.sealer.ciphertextLength;
    expect(await again.sealer.sealRange(100_000, end)).toEqual(await first.sealer.sealRange(100_000, end));

    const touched = await prepareUpload(accountKey, 'acct', root, sameFile(Date.UTC(2026, 11, 4)), store);
    expect(touched.saved.fileId).not.toBe(first.saved.fileId);
    const elsewhere = await prepareUpload(accountKey, 'acct', { kind: 'new-file', folderId: 'f1' }, sameFile(), store);
    expect(elsewhere.saved.uploadUrl).toBeNull();
    const otherAccount = await prepareUpload(newKey(), 'other', root, sameFile(), store);
    expect(otherAccount.saved.uploadUrl).toBeNull();
    expect(store.items.size).toBe(4);
  });

  it('a new version keeps no wrapped FK (the server has it) and binds CK to that file', async () => {
    const store = new MemoryStore();
    const fileKey = newKey();
    const target: UploadTarget = { kind: 'version', fileId: 'f-1', fileKey };
    const upload = await prepareUpload(newKey(), 'acct', target, sameFile(), store);
    expect(upload.saved.wrappedFileKey).toBeNull();
    expect(upload.saved.fileId).toBe('f-1');
    for (const raw of [...spellings(fileKey), ...spellings(upload.contentKey)]) expect(store.dump()).not.toContain(raw);
    expect((await prepareUpload(newKey(), 'acct', target, sameFile(), store)).saved.contentId).toBe(upload.saved.contentId);
  });

  it('starts afresh when the boxes do not open with this AK, and forgets the entry on request', async () => {
    const store = new MemoryStore();
    const first = await prepareUpload(newKey(), 'acct', root, sameFile(), store);
    first.saved.uploadUrl = '/api/uploads/abc';
    first.save();
    const other = await prepareUpload(newKey(), 'acct', root, sameFile(), store);
    expect(other.saved.fileId).not.toBe(first.saved.fileId);
    expect(other.saved.uploadUrl).toBeNull();
    expect(store.items.size).toBe(1);
    other.forget();
    expect(store.items.size).toBe(0);
  });

  it('drops a saved state that does not parse or holds boxes of the wrong length', () => {
    const store = new MemoryStore();
    store.setItem('k', '{not json');
    expect(loadSavedUpload(store, 'k')).toBeNull();
    expect(store.items.has('k')).toBe(false);
    store.setItem('k', JSON.stringify({ uploadUrl: null, fileId: 'f', contentId: 'c', wrappedFileKey: null, wrappedContentKey: 'AAAA', salt: 'AAAA', noncePrefix: 'AAAA' }));
    expect(loadSavedUpload(store, 'k')).toBeNull();
    expect(store.items.has('k')).toBe(false);
  });
});
