import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AdminCenter } from '../admin/AdminCenter';
import { ApiError, csrfToken } from '../api/http';
import { accounts, type Account } from '../api/owner';
import { ownerPath, routeOf, type OwnerSection } from '../app/route';
import { AuthPanel, UnlockPanel } from './auth/AuthPanel';
import type { Unlocked } from './auth/accountKeys';
import { forgetFileKeys } from './files/fileCrypto';
import { FilesView } from './files/FilesView';
import { SharedLinksView } from './links/SharedLinksView';
import { forgetLinkUrls } from './share/linkMemory';
import { ErrorNote } from './ui';
import './owner.css';

type Session = { state: 'checking' } | { state: 'anonymous' } | { state: 'locked'; account: Account } | { state: 'unlocked'; unlocked: Unlocked } | { state: 'error'; error: unknown };

/**
 * The owner app. The session is the server's HttpOnly cookie; the account key is held in this component's memory only, so a
 * reload keeps the login but asks for the password again to unlock (no key is ever written to storage).
 */
export function OwnerPage({ section: initial }: { section: OwnerSection }) {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [section, setSection] = useState<OwnerSection>(initial);

  useEffect(() => {
    // The anti-forgery cookie is set with the session and cleared at logout: without it there is no session to ask about
    // (and no 401 to log in the console).
    if (csrfToken() === undefined) setSession({ state: 'anonymous' });
    else
      accounts.me().then(
      (account) => setSession({ state: 'locked', account }),
      (error) => setSession(error instanceof ApiError && error.status === 401 ? { state: 'anonymous' } : { state: 'error', error }),
    );
    const onPop = () => {
      const route = routeOf(location.pathname);
      if (route.page === 'owner') setSection(route.section ?? 'files');
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const navigate = (next: OwnerSection) => {
    if (next !== section) history.pushState(null, '', ownerPath(next));
    setSection(next);
  };

  const logOut = async () => {
    try {
      await accounts.logout();
    } catch {
      // The session may already be gone; the keys are dropped either way.
    }
    forgetFileKeys();
    forgetLinkUrls();
    setSession({ state: 'anonymous' });
  };

  if (session.state !== 'unlocked') {
    return (
      <OwnerShell>
        {session.state === 'checking' && <p class="muted">Loading…</p>}
        {session.state === 'error' && <ErrorNote error={session.error} />}
        {session.state === 'anonymous' && <AuthPanel onUnlocked={(unlocked) => setSession({ state: 'unlocked', unlocked })} />}
        {session.state === 'locked' && (
          <UnlockPanel account={session.account} onUnlocked={(unlocked) => setSession({ state: 'unlocked', unlocked })} onLogout={() => void logOut()} />
        )}
      </OwnerShell>
    );
  }

  const { account, accountKey } = session.unlocked;
  const isAdmin = account.organization?.role === 'admin';
  const tabs: [OwnerSection, string][] = [
    ['files', 'Files'],
    ['trash', 'Trash'],
    ['links', 'Shared links'],
    ...(isAdmin ? ([['admin', 'Admin Center']] as [OwnerSection, string][]) : []),
  ];
  const shown = section === 'admin' && !isAdmin ? 'files' : section;

  return (
    <OwnerShell
      nav={
        <>
          <nav aria-label="Sections" class="tabs">
            {tabs.map(([s, label]) => (
              <a
                key={s}
                href={ownerPath(s)}
                aria-current={shown === s ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(s);
                }}
              >
                {label}
              </a>
            ))}
          </nav>
          <span class="account muted" data-testid="account-email">
            {account.email}
          </span>
          <button type="button" onClick={() => void logOut()}>
            Log out
          </button>
        </>
      }
    >
      {shown === 'files' && <FilesView account={account} accountKey={accountKey} trash={false} />}
      {shown === 'trash' && <FilesView account={account} accountKey={accountKey} trash />}
      {shown === 'links' && <SharedLinksView accountKey={accountKey} />}
      {shown === 'admin' && <AdminCenter accountKey={accountKey} />}
    </OwnerShell>
  );
}

function OwnerShell({ nav, children }: { nav?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="owner-app">
      <header class="bar owner-bar">
        <span class="brand">Coffer</span>
        {nav ?? <span class="muted">end-to-end encrypted file sharing</span>}
      </header>
      <main class="owner" data-testid="owner-page">
        {children}
      </main>
    </div>
  );
}
