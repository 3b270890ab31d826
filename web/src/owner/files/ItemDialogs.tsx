import { useState } from 'preact/hooks';
import { files as filesApi, folders as foldersApi } from '../../api/owner';
import { Dialog, ErrorNote, useAction } from '../ui';
import { sealedFileName, sealedFolderName, type NamedFile, type NamedFolder } from './fileCrypto';

const isFile = (item: NamedFile | NamedFolder): item is NamedFile => 'file' in item;

/** Renames a file or folder: the new name is sealed here; the server only stores the box. */
export function RenameDialog(props: { accountKey: Uint8Array; item: NamedFile | NamedFolder; onClose: () => void; onDone: () => Promise<void> }) {
  const [name, setName] = useState(props.item.name ?? '');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    void action.run(async () => {
      const item = props.item;
      if (isFile(item)) await filesApi.rename(item.file.id, await sealedFileName(props.accountKey, item.file, trimmed));
      else await foldersApi.rename(item.folder.id, await sealedFolderName(props.accountKey, item.folder.id, trimmed));
      await props.onDone();
      props.onClose();
    });
  };
  return (
    <Dialog title="Rename" onClose={props.onClose} testId="rename-dialog">
      <form class="stack" onSubmit={submit}>
        <label for="rename-input">New name</label>
        <input id="rename-input" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <ErrorNote error={action.error} />
        <button type="submit" class="primary" disabled={action.busy}>
          Rename
        </button>
      </form>
    </Dialog>
  );
}

/** Moves a file or folder to another folder (or the top level); the server refuses cycles with a clear problem. */
export function MoveDialog(props: { item: NamedFile | NamedFolder; folders: NamedFolder[]; onClose: () => void; onDone: () => Promise<void> }) {
  const item = props.item;
  const current = isFile(item) ? item.file.folderId : item.folder.parentId;
  const [target, setTarget] = useState(current ?? '');
  const action = useAction();
  const choices = props.folders.filter((f) => isFile(item) || f.folder.id !== item.folder.id);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const to = target === '' ? null : target;
      if (isFile(item)) await filesApi.move(item.file.id, to);
      else await foldersApi.move(item.folder.id, to);
      await props.onDone();
      props.onClose();
    });
  };
  return (
    <Dialog title="Move" onClose={props.onClose} testId="move-dialog">
      <form class="stack" onSubmit={submit}>
        <label for="move-target">Move to</label>
        <select id="move-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">All files (top level)</option>
          {choices.map((f) => (
            <option key={f.folder.id} value={f.folder.id}>
              {f.name ?? '(name cannot be decrypted)'}
            </option>
          ))}
        </select>
        <ErrorNote error={action.error} />
        <button type="submit" class="primary" disabled={action.busy}>
          Move
        </button>
      </form>
    </Dialog>
  );
}
