import { useCallback, useEffect, useState } from 'preact/hooks';
import { files as filesApi, folders as foldersApi } from '../../api/owner';
import { nameFile, nameFolder, type NamedFile, type NamedFolder } from './fileCrypto';

export interface Library {
  folders: NamedFolder[];
  files: NamedFile[];
  trashed: NamedFile[];
}

const byName = <T extends { name: string | null }>(a: T, b: T) => (a.name ?? '').localeCompare(b.name ?? '');

/** Loads folders and files with their names decrypted, and reloads when the server reports a new version of one of them. */
export function useLibrary(accountKey: Uint8Array) {
  const [library, setLibrary] = useState<Library | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const [folders, files, trashed] = await Promise.all([foldersApi.list(), filesApi.list(), filesApi.list(true)]);
      setLibrary({
        folders: (await Promise.all(folders.map((f) => nameFolder(accountKey, f)))).sort(byName),
        files: (await Promise.all(files.map((f) => nameFile(accountKey, f)))).sort(byName),
        trashed: (await Promise.all(trashed.map((f) => nameFile(accountKey, f)))).sort(byName),
      });
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [accountKey]);

  useEffect(() => {
    void reload();
    if (typeof EventSource === 'undefined') return;
    const events = new EventSource('/api/events');
    events.addEventListener('version-added', () => void reload());
    return () => events.close();
  }, [reload]);

  return { library, error, reload };
}
