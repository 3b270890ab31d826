import { useState } from 'preact/hooks';

/** Copies a link with the Clipboard API; says so, or says to copy by hand when the browser refuses. */
export function CopyLinkButton({ url }: { url: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" class="primary" onClick={() => void copy()} data-testid="copy-link">
        Copy link
      </button>
      <span role="status" class="muted">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'The browser did not allow copying: select the link and copy it.' : ''}
      </span>
    </>
  );
}
