import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    files: [
      'src-shared/**/*.ts',
      'src-main/*/**/*.ts',
      'src-main/*.ts',
      'db/**/*.ts',
    ],
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
);
