import { useState } from 'preact/hooks';
import { accounts, type Account } from '../../api/owner';
import { ApiError } from '../../api/http';
import { SelfCheckStatus } from '../../app/SelfCheckStatus';
import { ErrorNote, KeyDerivationProgress, useAction } from '../ui';
import { logIn, signUp, unlock, type Unlocked } from './accountKeys';

type Mode = 'login' | 'signup' | 'confirm';

/** Log in, sign up (then confirm the mailed code), all with the password kept in the page. */
export function AuthPanel({ onUnlocked }: { onUnlocked: (u: Unlocked) => void }) {
  const [mode, setMode] = useState<Mode>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const submitLogin = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      try {
        onUnlocked(await logIn(email, password));
      } catch (error) {
        if (error instanceof ApiError && error.errorCode === 'email-not-confirmed') {
          setMode('confirm');
          setNotice('Your email is not confirmed yet: enter the code we mailed you.');
          return;
        }
        throw error;
      }
    });
  };

  const submitSignup = (e: Event) => {
    e.preventDefault();
    if (password !== confirmPassword) {
      action.setError(new Error('The two passwords differ.'));
      return;
    }
    if (password.length < 10) {
      action.setError(new Error('Choose a password of at least 10 characters: it is the only key to your files.'));
      return;
    }
    void action.run(async () => {
      await signUp(email, password);
      setMode('confirm');
      setNotice(`We mailed a 6-digit code to ${email}. It is valid for a few minutes.`);
    });
  };

  const submitConfirm = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await accounts.confirm(email.trim().toLowerCase(), code.trim());
      setNotice('Email confirmed. Logging you in…');
      onUnlocked(await logIn(email, password));
    });
  };

  const resend = () =>
    void action.run(async () => {
      await accounts.resend(email.trim().toLowerCase());
      setNotice('A new code is on its way; the previous one no longer works.');
    });

  const switchTo = (next: Mode) => {
    setMode(next);
    setNotice(null);
    action.setError(null);
  };

  return (
    <section class="card auth" data-testid="auth-panel">
      <h1>{mode === 'signup' ? 'Create your account' : mode === 'confirm' ? 'Confirm your email' : 'Log in'}</h1>
      <p class="muted">Your password never leaves this browser: it derives the keys that encrypt your files here.</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {mode === 'login' && (
        <form onSubmit={submitLogin} class="stack">
          <EmailField value={email} onInput={setEmail} />
          <PasswordField id="login-password" label="Password" value={password} onInput={setPassword} autocomplete="current-password" />
          <button type="submit" class="primary" disabled={action.busy}>
            Log in
          </button>
          <p>
            No account yet?{' '}
            <button type="button" class="link" onClick={() => switchTo('signup')}>
              Create one
            </button>
          </p>
        </form>
      )}
      {mode === 'signup' && (
        <form onSubmit={submitSignup} class="stack">
          <EmailField value={email} onInput={setEmail} />
          <PasswordField id="signup-password" label="Password" value={password} onInput={setPassword} autocomplete="new-password" />
          <PasswordField id="signup-password2" label="Repeat the password" value={confirmPassword} onInput={setConfirmPassword} autocomplete="new-password" />
          <p class="muted small">Nobody can reset it for you: a forgotten password means the files cannot be decrypted.</p>
          <button type="submit" class="primary" disabled={action.busy}>
            Create account
          </button>
          <p>
            Already registered?{' '}
            <button type="button" class="link" onClick={() => switchTo('login')}>
              Log in
            </button>
          </p>
        </form>
      )}
      {mode === 'confirm' && (
        <form onSubmit={submitConfirm} class="stack">
          <EmailField value={email} onInput={setEmail} />
          <label for="confirm-code">Code from the email</label>
          <input id="confirm-code" name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          {password === '' && <PasswordField id="confirm-password" label="Password" value={password} onInput={setPassword} autocomplete="current-password" />}
          <div class="row">
            <button type="submit" class="primary" disabled={action.busy}>
              Confirm
            </button>
            <button type="button" disabled={action.busy} onClick={resend}>
              Send a new code
            </button>
          </div>
        </form>
      )}
      {action.busy && <KeyDerivationProgress label="Deriving your key…" />}
      <ErrorNote error={action.error} testId="auth-error" />
      <SelfCheckStatus />
    </section>
  );
}

/** After a reload: the session cookie is still there, but the account key is not (it is never stored). */
export function UnlockPanel({ account, onUnlocked, onLogout }: { account: Account; onUnlocked: (u: Unlocked) => void; onLogout: () => void }) {
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => onUnlocked(await unlock(account, password)));
  };
  return (
    <section class="card auth" data-testid="unlock-panel">
      <h1>Unlock your files</h1>
      <p class="muted">
        You are logged in as <strong>{account.email}</strong>. Your keys are kept in memory only, so after a reload the password unlocks them again.
      </p>
      <form onSubmit={submit} class="stack">
        <PasswordField id="unlock-password" label="Password" value={password} onInput={setPassword} autocomplete="current-password" />
        <div class="row">
          <button type="submit" class="primary" disabled={action.busy}>
            Unlock
          </button>
          <button type="button" onClick={onLogout}>
            Log out
          </button>
        </div>
      </form>
      {action.busy && <KeyDerivationProgress label="Deriving your key…" />}
      <ErrorNote error={action.error} testId="auth-error" />
      <SelfCheckStatus />
    </section>
  );
}

function EmailField({ value, onInput }: { value: string; onInput: (v: string) => void }) {
  return (
    <>
      <label for="auth-email">Email</label>
      <input id="auth-email" type="email" name="email" autocomplete="email" required value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </>
  );
}

function PasswordField(props: { id: string; label: string; value: string; onInput: (v: string) => void; autocomplete: string }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        required
        autocomplete={props.autocomplete}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </>
  );
}
