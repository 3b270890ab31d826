import type { UploadAction, UploadEntry } from './uploadQueue';
import { percent } from './uploadQueue';

/** Uploads in flight and just finished, each with a labelled progress bar. */
export function UploadsPanel({ uploads, dispatch }: { uploads: UploadEntry[]; dispatch: (a: UploadAction) => void }) {
  if (uploads.length === 0) return null;
  const finished = uploads.some((u) => u.stage === 'done' || u.stage === 'failed');
  return (
    <div class="uploads" aria-label="Uploads" role="region">
      <ul>
        {uploads.map((u) => (
          <li key={u.id} data-testid="upload-entry" data-stage={u.stage}>
            <span class="name">{u.name}</span>
            <progress max={100} value={percent(u)} aria-label={`Upload of ${u.name}`} />
            <span class="muted">
              {u.stage === 'waiting' && 'Waiting…'}
              {u.stage === 'sending' && `Encrypting and sending… ${percent(u)}%`}
              {u.stage === 'finishing' && 'Saving the version…'}
              {u.stage === 'done' && 'Uploaded.'}
            </span>
            {u.error && (
              <span class="error-note" role="alert">
                {u.error}
              </span>
            )}
          </li>
        ))}
      </ul>
      {finished && (
        <button type="button" class="link" onClick={() => dispatch({ type: 'cleared' })}>
          Clear finished
        </button>
      )}
    </div>
  );
}
