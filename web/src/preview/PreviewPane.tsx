import { useEffect, useState } from 'preact/hooks';
import { safeBlobType, TEXT_PREVIEW_LIMIT } from './mediaKind';
import { PdfPreview } from './PdfPreview';
import { plaintextBlob, plaintextHead, previewPlan, type PreviewSource } from './previewSource';
import { Watermark } from './Watermark';
import './preview.css';
import { formatBytes } from '../app/format';

type Shown =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'unavailable'; message: string }
  | { state: 'text'; text: string; truncated: boolean }
  | { state: 'url'; url: string }
  | { state: 'pdf'; data: Uint8Array };

interface Props {
  source: PreviewSource;
  /** Who to show on the watermark overlay; null when none is asked for. */
  watermark: string | null;
  onClose: () => void;
  /** Offered when the file cannot be previewed (its type, or its size); absent when downloads are not allowed. */
  onDownload?: () => void;
}

/**
 * Decrypts a version in the page and shows it: images and media from a blob URL, PDF through pdf.js (canvas only), text in
 * a <pre> as text. The file is verified (every segment, the size and the plaintext SHA-256) before anything is shown. Where
 * the bytes come from (recipient link or owner route) is the source's business.
 */
export function PreviewPane({ source, watermark, onClose, onDownload }: Props) {
  const { kind, refusal } = previewPlan(source);
  const [shown, setShown] = useState<Shown>({ state: 'loading' });
  const [openedAt] = useState(() => new Date());

  useEffect(() => {
    if (refusal) {
      setShown({ state: 'unavailable', message: refusal });
      return;
    }
    const abort = new AbortController();
    let url: string | null = null;
    (async () => {
      const stream = await source.open(abort.signal);
      if (kind === 'text') {
        // Only the shown head is kept, so a large text file costs its transfer, not its size in memory.
        const { head, total } = await plaintextHead(stream, TEXT_PREVIEW_LIMIT);
        const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
        setShown({ state: 'text', text, truncated: total > TEXT_PREVIEW_LIMIT });
      } else if (kind === 'pdf') {
        const blob = await plaintextBlob(stream, 'application/pdf');
        setShown({ state: 'pdf', data: new Uint8Array(await blob.arrayBuffer()) });
      } else {
        const blob = await plaintextBlob(stream, safeBlobType(kind, source.mediaType, source.extension));
        url = URL.createObjectURL(blob);
        if (!abort.signal.aborted) setShown({ state: 'url', url });
      }
    })().catch((error: unknown) => {
      if (!abort.signal.aborted) setShown({ state: 'error', message: source.describe(error) });
    });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
    // Keyed by what the version is, not by object identity: a refresh of the page's data must not fetch (and log) it again.
  }, [source.key, kind, refusal]);

  const title = `Preview of version ${source.number}`;
  return (
    <section class="card preview" aria-labelledby="preview-title" data-testid="preview" data-kind={kind} data-state={shown.state}>
      <div class="preview-head">
        <h2 id="preview-title">{title}</h2>
        <button type="button" class="link" onClick={onClose} aria-label="Close the preview">
          Close
        </button>
      </div>
      <div class="preview-body">
        {shown.state === 'loading' && (
          <p class="muted" role="status">
            Decrypting and checking…
          </p>
        )}
        {shown.state === 'error' && (
          <p class="error" role="alert">
            The preview failed: {shown.message}
          </p>
        )}
        {shown.state === 'unavailable' && (
          <div class="preview-unavailable" data-testid="preview-unavailable">
            <p class="muted">{shown.message}</p>
            {onDownload && (
              <button type="button" onClick={onDownload} data-testid="preview-download">
                Download
              </button>
            )}
          </div>
        )}
        {shown.state === 'text' && (
          <>
            <pre class="preview-text" tabIndex={0} aria-label={`Text of ${source.name}`}>
              {shown.text}
            </pre>
            {shown.truncated && <p class="muted small">Only the first {formatBytes(TEXT_PREVIEW_LIMIT)} are shown.</p>}
          </>
        )}
        {shown.state === 'pdf' && <PdfPreview data={shown.data} name={source.name} />}
        {shown.state === 'url' && kind === 'image' && <img class="preview-image" src={shown.url} alt={`Preview of ${source.name}`} />}
        {shown.state === 'url' && kind === 'audio' && <audio class="preview-media" controls src={shown.url} aria-label={`Audio: ${source.name}`} />}
        {shown.state === 'url' && kind === 'video' && (
          <video class="preview-media" controls playsInline src={shown.url} aria-label={`Video: ${source.name}`} />
        )}
        {watermark && shown.state !== 'loading' && <Watermark who={watermark} at={openedAt} />}
      </div>
    </section>
  );
}
