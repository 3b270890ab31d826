import { useEffect, useRef, useState } from 'preact/hooks';
import type { RecipientApi } from '../api/recipient';
import { resendSecondsLeft, type FlowEvent, type FlowState } from './flow';

type VerifyState = Extract<FlowState, { step: 'email' | 'code' }>;

/** Email, then the six-digit code mailed to it; the link's secret is never part of either request. */
export function VerifyEmail({ api, state, dispatch }: { api: RecipientApi; state: VerifyState; dispatch: (event: FlowEvent) => void }) {
  const [email, setEmail] = useState(state.step === 'code' ? state.email : '');
  const [code, setCode] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.step !== 'code') return;
    codeInput.current?.focus();
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state.step, state.step === 'code' ? state.resendAt : 0]);

  const sendCode = async (to: string) => {
    dispatch({ type: 'busy' });
    try {
      await api.requestCode(to);
      setNow(Date.now());
      dispatch({ type: 'code-sent', email: to.trim().toLowerCase(), now: Date.now() });
    } catch (error) {
      dispatch({ type: 'failed', error });
    }
  };

  if (state.step === 'email') {
    return (
      <section class="card verify" aria-labelledby="verify-title">
        <h1 id="verify-title">Verify your email to open this file</h1>
        <p class="muted">The owner asked to know who opens this link. We will email you a six-digit code.</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sendCode(email);
          }}
        >
          <label for="recipient-email">Your email address</label>
          <div class="row">
            <input id="recipient-email" type="email" required autocomplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} data-testid="email-input" />
            <button type="submit" class="primary" disabled={state.busy} data-testid="send-code">
              Send code
            </button>
          </div>
          {state.error && (
            <p class="error" role="alert" data-testid="verify-error">
              {state.error}
            </p>
          )}
        </form>
      </section>
    );
  }

  const wait = resendSecondsLeft(state.resendAt, now);
  return (
    <section class="card verify" aria-labelledby="code-title">
      <h1 id="code-title">Enter the code we emailed you</h1>
      <p class="muted">
        If <strong>{state.email}</strong> may open this link, a code is on its way. It is valid for 10 minutes.
      </p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          dispatch({ type: 'busy' });
          try {
            await api.openSession(state.email, code.trim());
            dispatch({ type: 'opened' });
          } catch (error) {
            setCode('');
            dispatch({ type: 'failed', error });
          }
        }}
      >
        <label for="recipient-code">Six-digit code</label>
        <div class="row">
          <input
            id="recipient-code"
            ref={codeInput}
            inputMode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            aria-invalid={state.error ? 'true' : undefined}
            aria-describedby={state.error ? 'code-error' : undefined}
            data-testid="code-input"
          />
          <button type="submit" class="primary" disabled={state.busy} data-testid="verify-code">
            Verify
          </button>
        </div>
        {state.error && (
          <p class="error" id="code-error" role="alert" data-testid="verify-error">
            {state.error}
          </p>
        )}
        {state.notice && (
          <p class="notice" role="status">
            {state.notice}
          </p>
        )}
      </form>
      <div class="row secondary-actions">
        <button type="button" disabled={wait > 0 || state.busy} onClick={() => void sendCode(state.email)} data-testid="resend-code">
          {wait > 0 ? `Send a new code (${wait} s)` : 'Send a new code'}
        </button>
        <button type="button" class="link" onClick={() => dispatch({ type: 'change-email' })}>
          Use another email
        </button>
      </div>
    </section>
  );
}
