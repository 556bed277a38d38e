// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'static/', '.ruleforge/', 'coverage/', 'bin/', '**/*.tmp.ts', '**/*.tmp.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The pure core decides; it never reaches Forge, the network, the file system or a clock of its own.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@forge/*'], message: 'The core is pure: reach Forge through a port in src/ports.' },
          { group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process'], message: 'The core does no I/O.' },
          { group: ['**/adapters/**', '**/local/**', '**/entry/**', '**/app/**', '**/cli/**'], message: 'The core imports only the core.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'The core does no I/O.' }],
    },
  },
  {
    // The admin page runs in the browser: it reaches the backend only through its client (src/ui/admin/client.ts),
    // and may import backend modules for their types only.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process'], message: 'The admin page runs in the browser.' },
          { group: ['**/adapters/**', '**/local/**', '**/entry/**', '**/cli/**'], message: 'The admin page talks to the backend through its client only.' },
          { group: ['**/app/**'], allowTypeImports: true, message: 'Import backend modules for their types only (import type).' },
        ],
      }],
    },
  },
  {
    // Programs that talk to a terminal may print.
    files: ['src/cli/**/*.ts', 'src/local/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
