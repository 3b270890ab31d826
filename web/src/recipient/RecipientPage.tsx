import { useMemo } from 'preact/hooks';
import { CofferCryptoError, parseLinkLocation, type ParsedLink } from '../crypto';
import { Layout } from '../app/Layout';
import { SelfCheckStatus } from '../app/SelfCheckStatus';

/** Reads the link from the address; the secret stays in this page's memory and is never sent anywhere. */
function readLink(): ParsedLink | string {
  try {
    return parseLinkLocation(location.pathname, location.hash);
  } catch (error) {
    if (error instanceof CofferCryptoError) return error.message;
    throw error;
  }
}

/** Placeholder for the recipient page (verify email, file card, versions), built on the link API next. */
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
      <section class="card" data-testid="recipient-page" data-link-id={link.linkId}>
        <h1>A file was shared with you</h1>
        <p class="muted">
          Link <code>{link.linkId}</code>. Its key is in this address only and never leaves your browser.
        </p>
        <SelfCheckStatus />
      </section>
    </Layout>
  );
}
