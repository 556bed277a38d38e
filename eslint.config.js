// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.ruleforge/', 'coverage/', 'bin/', '**/*.tmp.ts', '**/*.tmp.mjs'] },
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
    // Programs that talk to a terminal may print.
    files: ['src/cli/**/*.ts', 'src/local/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
