import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const outDir = fileURLToPath(new URL('../src/Coffer.Server/wwwroot', import.meta.url));

// The download service worker as one self-contained classic script at /sw.js (unhashed: its URL is registered by name).
export default defineConfig({
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: false, // the app build ran first into the same directory
    target: 'es2022',
    rollupOptions: {
      input: fileURLToPath(new URL('./src/download/sw.ts', import.meta.url)),
      output: { format: 'iife', entryFileNames: 'sw.js' },
    },
  },
});
