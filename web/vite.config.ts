import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const outDir = fileURLToPath(new URL('../src/Coffer.Server/wwwroot', import.meta.url));

// The build lands in the server's wwwroot (gitignored). The service worker is built apart (vite.sw.config.ts):
// a classic worker script cannot import the chunks this build shares between entries.
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
      },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
