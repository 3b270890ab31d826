import { useEffect, useState } from 'preact/hooks';
import { selfCheck } from './selfCheck';

/** Shows whether this browser's WebCrypto reproduces the pinned known answer. */
export function SelfCheckStatus() {
  const [state, setState] = useState<'running' | 'passed' | 'failed'>('running');
  useEffect(() => {
    selfCheck().then(
      (ok) => setState(ok ? 'passed' : 'failed'),
      () => setState('failed'),
    );
  }, []);
  const text = { running: 'Checking browser crypto…', passed: 'Browser crypto check passed.', failed: 'Browser crypto check FAILED: this browser cannot be used.' }[state];
  return (
    <p class={state === 'failed' ? 'check-failed' : state === 'passed' ? 'check-ok' : 'muted'} data-testid="crypto-self-check" data-state={state} aria-live="polite">
      {text}
    </p>
  );
}
