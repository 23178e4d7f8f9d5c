import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as {
  version: string;
};
const define = { __APP_VERSION__: JSON.stringify(pkg.version) };

export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // index: the Electron main process; browser: the same core behind the localhost transport.
        input: {
          index: resolve(import.meta.dirname, 'src-main/index.ts'),
          browser: resolve(import.meta.dirname, 'src-main/browser.ts'),
          // The import reader's worker thread (heap- and time-limited), its own file.
          'import-worker': resolve(import.meta.dirname, 'src-main/import/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/preload.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    define,
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // ES2021: class private fields (react-query) are lowered, so the electronegativity
      // scanner (tests/hardening) can parse every file it is given.
      target: 'es2021',
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
});
