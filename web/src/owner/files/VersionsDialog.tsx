import { useEffect, useRef, useState } from 'preact/hooks';
import { files as filesApi, type Version, type VersionList } from '../../api/owner';
import { appendPage, olderCount } from '../../api/versions';
import { plaintextLength } from '../../crypto';
import { PreviewPane } from '../../preview/PreviewPane';
import type { PreviewSource } from '../../preview/previewSource';
import { Dialog, ErrorNote, formatBytes, formatDate, useAction } from '../ui';
import { downloadVersion } from './download';
import type { NamedFile } from './fileCrypto';
import { uploadNewVersion, type OwnerContext } from './upload';
import { openOwnerVersion, ownerPreviewSource } from './versionContent';

/**
 * A file's versions (who, when), each previewed in the dialog (the recipient page's PreviewPane, decrypted here with the
 * owner's keys), downloaded or made current; a new version can be uploaded (same format only).
 */
export function VersionsDialog(props: { ctx: OwnerContext; maxFileSizeBytes: number; item: NamedFile; onClose: () => void; onChanged: () => Promise<void> }) {
  const { file } = props.item;
  const [list, setList] = useState<VersionList | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const action = useAction();
  const [preview, setPreview] = useState<{ source: PreviewSource; version: Version } | null>(null);

  const [loadingOlder, setLoadingOlder] = useState(false);
  // The first page; a reload (after an upload or "make current") starts again from the newest.
  const load = async () => setList(await filesApi.versions(file.id));
  const showOlder = (shown: VersionList) =>
    void action.run(async () => {
      if (shown.nextBefore === null) return;
      setLoadingOlder(true);
      try {
        const page = await filesApi.versions(file.id, shown.nextBefore);
        setList((current) => (current === shown ? appendPage(shown.versions, page, (v) => v.number) : current));
      } finally {
        setLoadingOlder(false);
      }
    });
  useEffect(() => {
    void action.run(load);
  }, [file.id]);

  const makeCurrent = (n: number) =>
    void action.run(async () => {
      await filesApi.makeCurrent(file.id, n);
      await load();
      await props.onChanged();
    });

  // Opening the keys and metadata first gives the pane the size and type, so it can refuse before any byte is fetched.
  const showPreview = (v: Version) =>
    void action.run(async () => {
      setPreview({ source: ownerPreviewSource(await openOwnerVersion(props.ctx.accountKey, file, v), props.item.name), version: v });
    });
  const download = (v: Version) => void action.run(() => downloadVersion(props.ctx.accountKey, file, v));

  const uploadVersion = (picked: File | undefined) => {
    if (!picked) return;
    if (picked.size > props.maxFileSizeBytes) {
      action.setError(new Error(`Too large: your plan allows files up to ${formatBytes(props.maxFileSizeBytes)}. Nothing was uploaded.`));
      return;
    }
    setUploading(0);
    void action.run(async () => {
      try {
        const latest = await filesApi.get(file.id);
        await uploadNewVersion(props.ctx, latest, picked, (p) => setUploading(p.total ? Math.floor((p.sent / p.total) * 100) : 0));
      } finally {
        setUploading(null);
      }
      await load();
      await props.onChanged();
    });
  };

  return (
    <Dialog title={`Versions of “${props.item.name ?? 'unnamed file'}”`} onClose={props.onClose} testId="versions-dialog" wide={preview !== null}>
      <div class="row">
        <button type="button" onClick={() => inputRef.current?.click()} disabled={uploading !== null}>
          Upload new version
        </button>
        <input
          ref={inputRef}
          type="file"
          class="visually-hidden"
          tabIndex={-1}
          aria-label="New version"
          data-testid="version-input"
          onChange={(e) => {
            const picked = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            uploadVersion(picked);
          }}
        />
        <span class="muted">Same format only (.{file.extension || 'no extension'}).</span>
      </div>
      {uploading !== null && <progress max={100} value={uploading} aria-label="New version upload" />}
      <ErrorNote error={action.error} />
      {preview && (
        <PreviewPane
          key={preview.source.key}
          source={preview.source}
          watermark={null}
          onClose={() => setPreview(null)}
          onDownload={() => download(preview.version)}
        />
      )}
      {!list && !action.error && <p class="muted">Loading…</p>}
      {list && (
        <ol class="versions" aria-label="Versions, newest first">
          {list.versions.map((v) => (
            <li key={v.number} data-testid="version-row" data-number={v.number}>
              <strong>Version {v.number}</strong>
              {v.number === list.latest && <span class="badge">current</span>}
              <span class="muted">
                {' '}
                {formatBytes(plaintextLength(v.ciphertextLength))} · by {v.uploader} · {formatDate(v.createdAt)}
                {v.restoredFrom !== null && ` · restored from version ${v.restoredFrom}`}
              </span>
              <span class="actions">
                <button type="button" aria-label={`Preview version ${v.number}`} aria-pressed={preview?.version.number === v.number} onClick={() => showPreview(v)}>
                  Preview
                </button>
                <button type="button" aria-label={`Download version ${v.number}`} onClick={() => download(v)}>
                  Download
                </button>
                {v.number !== list.latest && (
                  <button type="button" aria-label={`Make version ${v.number} current`} onClick={() => makeCurrent(v.number)}>
                    Make current
                  </button>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {list && list.nextBefore !== null && (
        <p class="row">
          <button type="button" onClick={() => showOlder(list)} disabled={loadingOlder} data-testid="show-older-versions">
            {loadingOlder ? 'Loading older versions…' : 'Show older versions'}
          </button>
          <span class="muted" data-testid="older-count">
            {olderCount(list)} older
          </span>
        </p>
      )}
      {list && list.hiddenCount > 0 && (
        <p class="muted">
          {list.hiddenCount} older version{list.hiddenCount === 1 ? ' is' : 's are'} kept but not available on your plan.
        </p>
      )}
    </Dialog>
  );
}

