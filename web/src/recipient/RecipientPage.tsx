import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import { CofferCryptoError, linkTokenHeader, parseLinkLocation, type ParsedLink } from '../crypto';
import { ApiError } from '../api/http';
import { RecipientApi } from '../api/recipient';
import { Layout } from '../app/Layout';
import { flowReducer, initialFlow } from './flow';
import { VerifyEmail } from './VerifyEmail';
import { LinkFileView } from './LinkFileView';
import './recipient.css';

/** Reads the link from the address; the secret stays in this page's memory and is never sent anywhere. */
function readLink(): ParsedLink | string {
  try {
    return parseLinkLocation(location.pathname, location.hash);
  } catch (error) {
    if (error instanceof CofferCryptoError) return error.message;
    throw error;
  }
}

/** The page a link opens: verify the email when the link asks for it, then the file, its previews and versions. */
export function RecipientPage() {
  const link = useMemo(readLink, []);
  if (typeof link === 'string') {
    return (
      <Layout>
        <section class="card problem" role="alert" data-testid="link-invalid">
          <h1>This link is incomplete</h1>
          <p>{link}</p>
        </section>
      </Layout>
    );
  }
  return (
    <Layout>
      <div class="recipient" data-testid="recipient-page" data-link-id={link.linkId}>
        <RecipientFlow link={link} />
      </div>
    </Layout>
  );
}

function RecipientFlow({ link }: { link: ParsedLink }) {
  const [api, setApi] = useState<RecipientApi | null>(null);
  const [state, dispatch] = useReducer(flowReducer, initialFlow);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const client = new RecipientApi(link.linkId, await linkTokenHeader(link.secret, link.linkId));
      if (cancelled) return;
      setApi(client);
      try {
        // A session cookie from earlier (a reload) opens the file straight away; a page of one version is the cheapest probe.
        await client.versions(null, 1);
        dispatch({ type: 'opened' });
      } catch (error) {
        if (!(error instanceof ApiError && error.errorCode === 'link-session-required')) throw error;
        const gate = await client.gate();
        if (gate.requireEmail) {
          dispatch({ type: 'needs-email' });
        } else {
          await client.openSession();
          dispatch({ type: 'opened' });
        }
      }
    })().catch((error: unknown) => !cancelled && dispatch({ type: 'failed', error }));
    return () => {
      cancelled = true;
    };
  }, [link]);

  switch (state.step) {
    case 'checking':
      return (
        <section class="card" aria-busy="true">
          <p class="muted" role="status">Opening the link…</p>
        </section>
      );
    case 'closed':
      return (
        <section class="card problem" role="alert" data-testid="link-closed">
          <h1>{state.title}</h1>
          <p>{state.message}</p>
        </section>
      );
    case 'email':
    case 'code':
      return <VerifyEmail api={api!} state={state} dispatch={dispatch} />;
    case 'ready':
      return <LinkFileView api={api!} secret={link.secret} onClosed={(error) => dispatch({ type: 'failed', error })} />;
  }
}
