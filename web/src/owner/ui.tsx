import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { AuthenticationFailedError, CofferCryptoError } from '../crypto';
export { formatBytes } from '../app/format';

/** A sentence for any failure: the server's problem detail, a crypto failure explained, or the error's message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof AuthenticationFailedError) return 'Decryption failed: the key does not match (wrong password, or the data was altered).';
  if (error instanceof CofferCryptoError) return `The encrypted data could not be opened: ${error.message}`;
  if (error instanceof DOMException && error.name === 'AbortError') return 'Cancelled.';
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorNote({ error, testId }: { error: unknown; testId?: string }) {
  if (error === null || error === undefined) return null;
  return (
    <p class="error-note" role="alert" data-testid={testId ?? 'error'}>
      {describeError(error)}
    </p>
  );
}

/** Elapsed seconds with an indeterminate bar: PBKDF2 in WebCrypto is one call, so there is no finer progress to show. */
export function KeyDerivationProgress({ label }: { label: string }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = performance.now();
    const timer = setInterval(() => setSeconds(Math.floor((performance.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, []);
  return (
    <div class="derive" role="status" aria-live="polite" data-testid="deriving-key">
      <progress aria-label={label} />
      <span>
        {label} (PBKDF2-SHA256, 600 000 iterations, in your browser) — {seconds} s
      </span>
    </div>
  );
}

/** A modal native <dialog>: focus is trapped by the browser, Escape closes it. */
export function Dialog({ title, onClose, children, testId, wide }: { title: string; onClose: () => void; children: ComponentChildren; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    const closed = () => onClose();
    dialog.addEventListener('close', closed);
    return () => dialog.removeEventListener('close', closed);
  }, [onClose]);
  return (
    <dialog ref={ref} class={wide ? 'dialog wide' : 'dialog'} aria-label={title} data-testid={testId}>
      <div class="dialog-head">
        <h2>{title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={() => ref.current?.close()}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}


export const formatDate = (iso: string) => new Date(iso).toLocaleString();

/** Runs an async action with busy and error state for a button or form. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
