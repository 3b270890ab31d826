import { useEffect, useRef, useState } from 'preact/hooks';

/** Pages rendered at most; a longer document says so. */
const MAX_PAGES = 30;

/**
 * Renders a PDF with pdf.js onto canvases only (no text or annotation layer, so nothing from the file becomes HTML). pdf.js is
 * loaded on first use; its worker is a bundled same-origin file, as the CSP's worker-src 'self' requires, and pdf.js 5+ has
 * no eval path at all (the old isEvalSupported option is gone).
 */
export function PdfPreview({ data, name }: { data: Uint8Array; name: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<string>('Rendering…');
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    host.current?.replaceChildren();
    setStatus('Rendering…');
    (async () => {
      const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      // A copy: pdf.js transfers the buffer to its worker.
      const task = pdfjs.getDocument({ data: data.slice(), enableXfa: false, useSystemFonts: true, stopAtErrors: false });
      destroy = () => task.destroy();
      const doc = await task.promise;
      if (cancelled) return;
      setPages(doc.numPages);
      const width = Math.max(280, host.current?.clientWidth ?? 800);
      for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES) && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const scale = width / base.width;
        const viewport = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.className = 'pdf-page';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `Page ${n} of ${doc.numPages}`);
        host.current?.append(canvas);
        await page.render({ canvas, viewport }).promise;
      }
      if (!cancelled) setStatus('');
    })().catch((error: unknown) => {
      if (!cancelled) setStatus(`This PDF could not be rendered (${error instanceof Error ? error.message : String(error)}).`);
    });
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [data]);

  return (
    <div class="pdf-preview" data-testid="pdf-preview" aria-label={`PDF: ${name}`} role="group">
      <div ref={host} class="pdf-pages" />
      {status && <p class={status.startsWith('This PDF') ? 'error' : 'muted'}>{status}</p>}
      {pages > MAX_PAGES && <p class="muted small">The first {MAX_PAGES} of {pages} pages are shown; download the file to see all.</p>}
    </div>
  );
}
