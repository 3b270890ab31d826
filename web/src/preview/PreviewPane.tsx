import { useEffect, useState } from 'preact/hooks';
import type { RecipientApi } from '../api/recipient';
import { recipientMessage } from '../api/recipient';
import { plaintextBlob, plaintextOf, type OpenedLinkFile, type OpenedVersion } from '../recipient/linkFile';
import { MEDIA_PREVIEW_LIMIT, previewKind, safeBlobType, TEXT_PREVIEW_LIMIT } from './mediaKind';
import { PdfPreview } from './PdfPreview';
import { Watermark } from './Watermark';
import { formatBytes } from '../app/format';

type Shown =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'unavailable'; message: string }
  | { state: 'text'; text: string; truncated: boolean }
  | { state: 'url'; url: string }
  | { state: 'pdf'; data: Uint8Array };

interface Props {
  api: RecipientApi;
  file: OpenedLinkFile;
  version: OpenedVersion;
  /** Who to show on the watermark overlay; null when the link asks for none. */
  watermark: string | null;
  onClose: () => void;
}

/**
 * Decrypts a version in the page and shows it: images and media from a blob URL, PDF through pdf.js (canvas only), text in
 * a <pre> as text. The file is verified (every segment, the size and the plaintext SHA-256) before anything is shown. Fetched
 * with purpose=preview.
 */
export function PreviewPane({ api, file, version, watermark, onClose }: Props) {
  const meta = version.meta!;
  const kind = previewKind(meta.mediaType, file.extension);
  const [shown, setShown] = useState<Shown>({ state: 'loading' });
  const [openedAt] = useState(() => new Date());

  useEffect(() => {
    if (kind === 'none') {
      setShown({ state: 'unavailable', message: `A preview is not available for this type of file (${meta.mediaType}).` });
      return;
    }
    if (kind !== 'text' && meta.size > MEDIA_PREVIEW_LIMIT) {
      setShown({ state: 'unavailable', message: `This file is ${formatBytes(meta.size)}: previews decrypt the whole file in memory, so files over ${formatBytes(MEDIA_PREVIEW_LIMIT)} are not previewed. Download it instead.` });
      return;
    }
    const abort = new AbortController();
    let url: string | null = null;
    (async () => {
      const stream = await plaintextOf(api, file, version, 'preview', abort.signal);
      if (kind === 'text') {
        const blob = await plaintextBlob(stream, 'text/plain');
        const truncated = blob.size > TEXT_PREVIEW_LIMIT;
        const text = new TextDecoder('utf-8', { fatal: false }).decode(await blob.slice(0, TEXT_PREVIEW_LIMIT).arrayBuffer());
        setShown({ state: 'text', text, truncated });
      } else if (kind === 'pdf') {
        const blob = await plaintextBlob(stream, 'application/pdf');
        setShown({ state: 'pdf', data: new Uint8Array(await blob.arrayBuffer()) });
      } else {
        const blob = await plaintextBlob(stream, safeBlobType(kind, meta.mediaType, file.extension));
        url = URL.createObjectURL(blob);
        if (!abort.signal.aborted) setShown({ state: 'url', url });
      }
    })().catch((error: unknown) => {
      if (!abort.signal.aborted) setShown({ state: 'error', message: recipientMessage(error) });
    });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
    // Keyed by what the version is, not by object identity: a refresh of the page's data must not fetch (and log) it again.
  }, [api, file.fileId, version.version.number, version.version.contentId, kind]);

  const title = `Preview of version ${version.version.number}`;
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
        {shown.state === 'unavailable' && <p class="muted" data-testid="preview-unavailable">{shown.message}</p>}
        {shown.state === 'text' && (
          <>
            <pre class="preview-text" tabIndex={0} aria-label={`Text of ${file.name}`}>
              {shown.text}
            </pre>
            {shown.truncated && <p class="muted small">Only the first {formatBytes(TEXT_PREVIEW_LIMIT)} are shown.</p>}
          </>
        )}
        {shown.state === 'pdf' && <PdfPreview data={shown.data} name={file.name} />}
        {shown.state === 'url' && kind === 'image' && <img class="preview-image" src={shown.url} alt={`Preview of ${file.name}`} />}
        {shown.state === 'url' && kind === 'audio' && <audio class="preview-media" controls src={shown.url} aria-label={`Audio: ${file.name}`} />}
        {shown.state === 'url' && kind === 'video' && (
          <video class="preview-media" controls playsInline src={shown.url} aria-label={`Video: ${file.name}`} />
        )}
        {watermark && shown.state !== 'loading' && <Watermark who={watermark} at={openedAt} />}
      </div>
    </section>
  );
}
