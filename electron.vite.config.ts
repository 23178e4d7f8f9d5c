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
      // Minified and split: React in a vendor chunk of its own (changes rarely, cached long),
      // the app in another, and recharts only in the chart's lazy chunk (HomePage).
      minify: true,
      rollupOptions: {
        input: resolve(import.meta.dirname, 'src-renderer/index.html'),
        output: {
          manualChunks(id: string) {
            if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
            return undefined;
          },
        },
      },
    },
  },
});
