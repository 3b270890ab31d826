import { Layout } from './Layout';

export function InsecureContextPage({ message }: { message: string }) {
  return (
    <Layout>
      <section class="card problem" role="alert" data-testid="insecure-context">
        <h1>This page needs HTTPS</h1>
        <p>{message}</p>
      </section>
    </Layout>
  );
}
