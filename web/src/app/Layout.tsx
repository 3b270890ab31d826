import type { ComponentChildren } from 'preact';

export function Layout({ children }: { children: ComponentChildren }) {
  return (
    <>
      <header class="bar">
        <span class="brand">Coffer</span>
        <span class="muted">end-to-end encrypted file sharing</span>
      </header>
      <main>{children}</main>
    </>
  );
}
