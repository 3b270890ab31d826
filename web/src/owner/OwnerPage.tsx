import { Layout } from '../app/Layout';
import { SelfCheckStatus } from '../app/SelfCheckStatus';

/** Placeholder for the owner app (sign up, files, links), built on the server API next. */
export function OwnerPage() {
  return (
    <Layout>
      <section class="card" data-testid="owner-page">
        <h1>Your files</h1>
        <p class="muted">Sign-in and your files will appear here.</p>
        <SelfCheckStatus />
      </section>
    </Layout>
  );
}
