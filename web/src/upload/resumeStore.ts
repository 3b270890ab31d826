/** The part of `localStorage` a resumable upload needs (a Map-backed stand-in in tests). */
export interface UploadStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Keyed by a scope (link, or account and target), file name, size and last-modified time, so only the same file dropped again resumes. */
export function resumeKey(scope: string, file: Pick<File, 'name' | 'size' | 'lastModified'>): string {
  return `coffer:upload:${scope}:${file.size}:${file.lastModified}:${file.name}`;
}

/** The saved state under `key`, or null; a state that does not parse or fails `check` (which throws) is deleted. */
export function loadSaved<T>(store: UploadStore, key: string, check: (saved: T) => void): T | null {
  try {
    const raw = store.getItem(key);
    if (!raw) return null;
    const saved = JSON.parse(raw) as T;
    check(saved);
    return saved;
  } catch {
    store.removeItem(key);
    return null;
  }
}
