import { useEffect, useState } from 'preact/hooks';
import { files as filesApi } from '../../api/owner';
import { nameFile } from '../files/fileCrypto';

/** Decrypted names of the account's files (trashed ones too), by file id; links name their file through this. */
export function useFileNames(accountKey: Uint8Array): Map<string, string | null> {
  const [names, setNames] = useState(new Map<string, string | null>());
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [current, trashed] = await Promise.all([filesApi.list(), filesApi.list(true)]);
        const named = await Promise.all([...current, ...trashed].map((f) => nameFile(accountKey, f)));
        if (live) setNames(new Map(named.map((n) => [n.file.id, n.name])));
      } catch {
        // Names are a nicety here; the links still show with their file id.
      }
    })();
    return () => {
      live = false;
    };
  }, [accountKey]);
  return names;
}
