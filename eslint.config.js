import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The domains of src-main and src-shared (docs/ARCHITECTURE.md): same names in both.
const DOMAINS = 'registry|grants|allocations|yearend|safety|import|dashboard|system|setup';

const electronOnly = {
  paths: [
    {
      name: 'electron',
      message: 'Only src-main/electron, src-main/index.ts and the preload may import electron.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'db/migrations/**',
      '.tmp/**',
      'build/native/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            {
              group: ['**/src-main/**', 'node:*'],
              message: 'The renderer talks to the main process only through lib/api.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Layering (like VS Code's code-layering): services, API, db and shared code never import electron.
    files: ['src-shared/**/*.ts', 'src-main/*/**/*.ts', 'src-main/*.ts', 'db/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/preload.ts', 'src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', electronOnly] },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**', 'node:*'],
              message: 'src-shared is pure and runs in both processes.',
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles in the app's code (value imports; tests/unit/architecture.test.ts also
    // checks type-only ones, which this rule skips).
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'db/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Layers: transport → domains → platform. Platform knows no domain and no transport.
    files: ['src-main/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            {
              regex: `^\\.\\./(${DOMAINS}|transport|electron|services|core)(/|$)`,
              message:
                'src-main/platform is infrastructure: it never imports a domain or a transport.',
            },
          ],
        },
      ],
    },
  },
  {
    // Domains never import a transport or the Electron shell.
    files: [`src-main/{${DOMAINS.split('|').join(',')}}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            {
              regex: '^(\\.\\./)+(transport|electron|core|browser|index)(/|$)',
              message: 'A domain never imports a transport or the Electron shell.',
            },
          ],
        },
      ],
    },
  },
);
