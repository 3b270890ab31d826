import { Layout } from './Layout';

export function NotFoundPage() {
  return (
    <Layout>
      <section class="card">
        <h1>Nothing here</h1>
        <p>
          This address is not a Coffer page. <a href="/">Go to your files</a>.
        </p>
      </section>
    </Layout>
  );
}
