import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const outDir = fileURLToPath(new URL('../src/Coffer.Server/wwwroot', import.meta.url));

// The build lands in the server's wwwroot (gitignored); the service worker is emitted unhashed at /sw.js so its scope is the whole origin.
export default defineConfig({
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // no data: URLs, so the CSP can stay 'self' only
    modulePreload: { polyfill: false }, // the polyfill is an inline script
    rollupOptions: {
      input: {
        app: fileURLToPath(new URL('./index.html', import.meta.url)),
        sw: fileURLToPath(new URL('./src/download/sw.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
