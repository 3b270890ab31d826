import { useRef, useState } from 'preact/hooks';
import { formatTime, type OpenedVersion } from './linkFile';
import { VersionMenu } from './VersionMenu';
import { formatBytes } from '../app/format';
import { olderCount } from '../api/versions';

export interface UploadStatus {
  name: string;
  sent: number;
  total: number;
  phase: 'uploading' | 'hashing' | 'committing';
}

interface Props {
  versions: OpenedVersion[];
  hiddenCount: number;
  /** The counts and cursor of the last page shown: "Show older versions" reads the page at `nextBefore`. */
  page: { latest: number; availableCount: number; nextBefore: number | null };
  loadingOlder: boolean;
  onShowOlder: () => void;
  canDownload: boolean;
  canUpload: boolean;
  extension: string;
  upload: UploadStatus | null;
  downloading: number | null;
  onPreview: (v: OpenedVersion) => void;
  onDownload: (v: OpenedVersion) => void;
  onMakeCurrent: (v: OpenedVersion) => void;
  onUpload: (file: File) => void;
}

const phaseText = { uploading: 'Encrypting and uploading', hashing: 'Checking', committing: 'Saving the new version' };

/** The versions, newest first, each with its menu; on cooperative links also the drop zone and "Upload new version". */
export function VersionPanel(props: Props) {
  const { versions, canUpload, upload } = props;
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  const accept = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file && !upload) props.onUpload(file);
  };

  const dropHandlers = canUpload
    ? {
        onDragEnter: (e: DragEvent) => {
          e.preventDefault();
          depth.current++;
          setDragging(true);
        },
        onDragOver: (e: DragEvent) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = upload ? 'none' : 'copy';
        },
        onDragLeave: () => {
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setDragging(false);
        },
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          depth.current = 0;
          setDragging(false);
          accept(e.dataTransfer?.files);
        },
      }
    : {};

  const percent = upload ? Math.floor((100 * upload.sent) / Math.max(1, upload.total)) : 0;
  return (
    <section class={`card version-panel${dragging ? ' dragging' : ''}`} aria-labelledby="versions-title" data-testid="version-panel" {...dropHandlers}>
      <div class="versions-head">
        <h2 id="versions-title">Versions</h2>
        {canUpload && (
          <>
            <button type="button" onClick={() => input.current?.click()} disabled={!!upload} data-testid="upload-button">
              Upload new version
            </button>
            <input
              ref={input}
              type="file"
              class="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              accept={props.extension ? `.${props.extension}` : undefined}
              onChange={(e) => {
                accept(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
              data-testid="version-file-input"
            />
          </>
        )}
      </div>
      {canUpload && (
        <p class="drop-hint muted" data-testid="drop-zone">
          {dragging ? 'Drop the file to upload it as a new version.' : `Drop a new .${props.extension || '(no extension)'} file here, or use “Upload new version”. It is encrypted in your browser before it is sent.`}
        </p>
      )}
      {upload && (
        <div class="upload-progress" data-testid="upload-progress">
          <label for="upload-bar">
            {phaseText[upload.phase]} “{upload.name}”… {upload.phase === 'uploading' ? `${percent}%` : ''}
          </label>
          <progress id="upload-bar" max={upload.total} value={upload.phase === 'uploading' ? upload.sent : undefined} />
        </div>
      )}
      <ol class="version-list" data-testid="version-list">
        {versions.map((v, i) => (
          <li key={v.version.number} class="version" data-testid="version-item" data-version={v.version.number}>
            <div class="version-text">
              <span class="version-number">
                Version {v.version.number}
                {i === 0 && <span class="badge">current</span>}
              </span>
              <span class="muted">
                {v.version.restoredFrom !== null ? `version ${v.version.restoredFrom} made current by ` : 'uploaded by '}
                <span class="who" data-testid="version-uploader">{v.version.uploader}</span> · {formatTime(v.version.createdAt)}
                {v.meta ? ` · ${formatBytes(v.meta.size)}` : ''}
              </span>
              {v.meta && v.meta.name && <span class="muted small">{v.meta.name}</span>}
              {v.problem && <span class="error small">{v.problem}</span>}
            </div>
            <VersionMenu
              label={`Actions for version ${v.version.number}`}
              items={[
                { label: 'Preview', disabled: !v.meta, run: () => props.onPreview(v), testId: 'menu-preview' },
                ...(props.canDownload ? [{ label: 'Download', disabled: !v.meta || props.downloading !== null, run: () => props.onDownload(v), testId: 'menu-download' }] : []),
                ...(canUpload ? [{ label: 'Make it current', disabled: i === 0 || !!upload, run: () => props.onMakeCurrent(v), testId: 'menu-make-current' }] : []),
              ]}
            />
          </li>
        ))}
      </ol>
      {props.page.nextBefore !== null && (
        <p class="older-versions">
          <button type="button" onClick={props.onShowOlder} disabled={props.loadingOlder} data-testid="show-older-versions">
            {props.loadingOlder ? 'Loading older versions…' : 'Show older versions'}
          </button>{' '}
          <span class="muted small" data-testid="older-count">
            {olderCount(props.page)} older
          </span>
        </p>
      )}
      {props.hiddenCount > 0 && <p class="muted small">{props.hiddenCount} older versions are kept but not available on the owner’s plan.</p>}
    </section>
  );
}
