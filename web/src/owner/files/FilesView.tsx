import { useReducer, useRef, useState } from 'preact/hooks';
import { files as filesApi, folders as foldersApi, type Account } from '../../api/owner';
import { plaintextLength } from '../../crypto';
import { ShareDialog } from '../share/ShareDialog';
import { describeError, ErrorNote, formatBytes, formatDate, useAction } from '../ui';
import { sealedFolderName, type NamedFile, type NamedFolder } from './fileCrypto';
import { downloadVersion } from './download';
import { MoveDialog, RenameDialog } from './ItemDialogs';
import { uploadNewFile } from './upload';
import { UploadsPanel } from './UploadsPanel';
import { uploadsReducer } from './uploadQueue';
import { useLibrary } from './useLibrary';
import { VersionsDialog } from './VersionsDialog';

type Open =
  | { kind: 'share' | 'versions'; item: NamedFile }
  | { kind: 'rename' | 'move'; item: NamedFile | NamedFolder }
  | null;

/** Shows a name exactly as text; a name that cannot be decrypted says so instead of guessing. */
export const DisplayName = ({ name }: { name: string | null }) => (name === null ? <em class="muted">(name cannot be decrypted)</em> : <>{name}</>);

/** The owner's files and folders: browse, upload (button or drop), share, versions, download, rename, move, trash. */
export function FilesView({ account, accountKey, trash }: { account: Account; accountKey: Uint8Array; trash: boolean }) {
  const { library, error, reload } = useLibrary(accountKey);
  const [folderId, setFolderId] = useState<string | null>(null);
  const [uploads, dispatch] = useReducer(uploadsReducer, []);
  const [open, setOpen] = useState<Open>(null);
  const [dragging, setDragging] = useState(false);
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<{ name: string; percent: number } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const action = useAction();
  const ctx = { accountKey, accountId: account.id, email: account.email };

  const upload = async (picked: File[]) => {
    for (const file of picked) {
      const id = crypto.randomUUID();
      dispatch({ type: 'added', id, name: file.name, total: file.size });
      if (file.size > account.limits.maxFileSizeBytes) {
        dispatch({ type: 'failed', id, error: `Too large: your plan allows files up to ${formatBytes(account.limits.maxFileSizeBytes)}. Nothing was uploaded.` });
        continue;
      }
      try {
        await uploadNewFile(ctx, file, folderId, (p) => dispatch({ type: 'progress', id, ...p }));
        dispatch({ type: 'done', id });
      } catch (e) {
        dispatch({ type: 'failed', id, error: describeError(e) });
      }
    }
    await reload();
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = [...(e.dataTransfer?.files ?? [])];
    if (dropped.length > 0) void upload(dropped);
  };

  const createFolder = (e: Event) => {
    e.preventDefault();
    const name = (newFolder ?? '').trim();
    if (!name) return;
    void action.run(async () => {
      const id = crypto.randomUUID();
      await foldersApi.create({ id, parentId: folderId, sealedName: await sealedFolderName(accountKey, id, name) });
      setNewFolder(null);
      await reload();
    });
  };

  if (error && !library) return <ErrorNote error={error} testId="library-error" />;
  if (!library) return <p class="muted" role="status">Loading and decrypting your files…</p>;

  const folderById = new Map(library.folders.map((f) => [f.folder.id, f]));
  const trail: NamedFolder[] = [];
  for (let id = folderId; id !== null; ) {
    const f = folderById.get(id);
    if (!f) break;
    trail.unshift(f);
    id = f.folder.parentId;
  }
  const subfolders = trash ? [] : library.folders.filter((f) => f.folder.parentId === folderId);
  const shown = trash ? library.trashed : library.files.filter((f) => f.file.folderId === folderId);

  return (
    <section
      class={`card files${dragging ? ' dragging' : ''}`}
      data-testid={trash ? 'trash-view' : 'files-view'}
      onDragOver={(e) => {
        if (trash) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => !trash && onDrop(e)}
    >
      <div class="toolbar">
        <nav aria-label="Folder path" class="crumbs">
          {trash ? (
            <h1>Trash</h1>
          ) : (
            <>
              <button type="button" class="link" onClick={() => setFolderId(null)} aria-current={folderId === null ? 'page' : undefined}>
                All files
              </button>
              {trail.map((f) => (
                <span key={f.folder.id}>
                  {' / '}
                  <button type="button" class="link" onClick={() => setFolderId(f.folder.id)}>
                    <DisplayName name={f.name} />
                  </button>
                </span>
              ))}
            </>
          )}
        </nav>
        {!trash && (
          <div class="row">
            <button type="button" onClick={() => setNewFolder('')}>
              New folder
            </button>
            <button type="button" class="primary" onClick={() => inputRef.current?.click()}>
              Upload files
            </button>
            <input
              ref={inputRef}
              type="file"
              multiple
              class="visually-hidden"
              tabIndex={-1}
              aria-label="Files to upload"
              data-testid="upload-input"
              onChange={(e) => {
                const picked = [...(e.currentTarget.files ?? [])];
                e.currentTarget.value = '';
                void upload(picked);
              }}
            />
          </div>
        )}
      </div>
      {newFolder !== null && (
        <form class="row inline-form" onSubmit={createFolder}>
          <label for="new-folder-name">Folder name</label>
          <input id="new-folder-name" required value={newFolder} onInput={(e) => setNewFolder(e.currentTarget.value)} />
          <button type="submit" class="primary" disabled={action.busy}>
            Create
          </button>
          <button type="button" onClick={() => setNewFolder(null)}>
            Cancel
          </button>
        </form>
      )}
      <ErrorNote error={action.error ?? error} />
      <UploadsPanel uploads={uploads} dispatch={dispatch} />
      {downloading && (
        <p class="row" role="status">
          <progress max={100} value={downloading.percent} aria-label={`Download of ${downloading.name}`} />
          <span>Downloading, decrypting and verifying {downloading.name}…</span>
        </p>
      )}
      {!trash && <p class="drop-hint muted">Drop files anywhere here to upload them. They are encrypted in this browser before they leave it.</p>}
      {subfolders.length === 0 && shown.length === 0 ? (
        <p class="empty" data-testid="empty">
          {trash ? 'The trash is empty.' : 'Nothing here yet. Upload a file or drop one on this page.'}
        </p>
      ) : (
        <ul class="items" aria-label={trash ? 'Trashed files' : 'Files and folders'}>
          {subfolders.map((f) => (
            <li class="item folder" key={f.folder.id} data-testid="folder-row">
              <button type="button" class="link name" onClick={() => setFolderId(f.folder.id)}>
                <span aria-hidden="true">📁 </span>
                <DisplayName name={f.name} />
              </button>
              <span class="meta muted">Folder</span>
              <span class="actions">
                <button type="button" onClick={() => setOpen({ kind: 'rename', item: f })}>
                  Rename
                </button>
                <button type="button" onClick={() => setOpen({ kind: 'move', item: f })}>
                  Move
                </button>
              </span>
            </li>
          ))}
          {shown.map((f) => (
            <FileRow
              key={f.file.id}
              item={f}
              trash={trash}
              onOpen={setOpen}
              onDownload={() =>
                action.run(async () => {
                  const name = f.name ?? 'file';
                  setDownloading({ name, percent: 0 });
                  try {
                    await downloadVersion(accountKey, f.file, f.file.currentVersion, (done, total) => setDownloading({ name, percent: Math.floor((done / total) * 100) }));
                  } finally {
                    setDownloading(null);
                  }
                })
              }
              onTrash={() => action.run(async () => void (await filesApi.trash(f.file.id), await reload()))}
              onRestore={() => action.run(async () => void (await filesApi.restore(f.file.id), await reload()))}
            />
          ))}
        </ul>
      )}
      {open?.kind === 'share' && (
        <ShareDialog account={account} accountKey={accountKey} file={open.item.file} fileName={open.item.name} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'versions' && (
        <VersionsDialog ctx={ctx} maxFileSizeBytes={account.limits.maxFileSizeBytes} item={open.item} onClose={() => setOpen(null)} onChanged={reload} />
      )}
      {open?.kind === 'rename' && <RenameDialog accountKey={accountKey} item={open.item} onClose={() => setOpen(null)} onDone={reload} />}
      {open?.kind === 'move' && <MoveDialog item={open.item} folders={library.folders} onClose={() => setOpen(null)} onDone={reload} />}
    </section>
  );
}

function FileRow(props: {
  item: NamedFile;
  trash: boolean;
  onOpen: (o: Open) => void;
  onDownload: () => void;
  onTrash: () => void;
  onRestore: () => void;
}) {
  const { file, name } = props.item;
  const v = file.currentVersion;
  const label = (verb: string) => `${verb} ${name ?? 'file'}`;
  return (
    <li class="item file" data-testid="file-row" data-file-id={file.id}>
      <span class="name" data-testid="file-name">
        <DisplayName name={name} />
      </span>
      <span class="meta muted">
        {formatBytes(plaintextLength(v.ciphertextLength))} · v{v.number} · {v.uploader} · {formatDate(v.createdAt)}
      </span>
      <span class="actions">
        {props.trash ? (
          <button type="button" onClick={props.onRestore} aria-label={label('Restore')}>
            Restore
          </button>
        ) : (
          <>
            <button type="button" class="primary" onClick={() => props.onOpen({ kind: 'share', item: props.item })} aria-label={label('Share')}>
              Share
            </button>
            <button type="button" onClick={props.onDownload} aria-label={label('Download')}>
              Download
            </button>
            <button type="button" onClick={() => props.onOpen({ kind: 'versions', item: props.item })} aria-label={label('Versions')}>
              Versions
            </button>
            <button type="button" onClick={() => props.onOpen({ kind: 'rename', item: props.item })} aria-label={label('Rename')}>
              Rename
            </button>
            <button type="button" onClick={() => props.onOpen({ kind: 'move', item: props.item })} aria-label={label('Move')}>
              Move
            </button>
            <button type="button" class="danger" onClick={props.onTrash} aria-label={label('Trash')}>
              Trash
            </button>
          </>
        )}
      </span>
    </li>
  );
}
