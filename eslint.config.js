// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
// eslint-community's security rules (the maintained successor of nodesecurity's plugin): eval, child processes,
// unsafe regular expressions, non-literal require/fs paths — the patterns a reviewer of a Node backend asks about.
import security from 'eslint-plugin-security';

// No egress: code that ships reaches Jira through @forge/api's requestJira and nothing else (test/security/egress.test.ts
// proves it on the bundles). src/local and src/cli never ship (scripts/build.ts refuses a bundle that reaches them).
const NETWORK_MESSAGE = 'No egress: shipped code reaches Jira only through requestJira (src/adapters/forge/jira-client.ts).';
const NETWORK_MODULES = ['http', 'https', 'net', 'tls', 'dgram', 'http2', 'child_process']
  .flatMap((name) => [name, `node:${name}`])
  .concat(['undici', 'axios', 'node-fetch']);
const NETWORK_IMPORTS = {
  paths: [
    ...NETWORK_MODULES.map((name) => ({ name, message: NETWORK_MESSAGE })),
    { name: '@forge/api', importNames: ['fetch', 'default'], message: NETWORK_MESSAGE },
  ],
  patterns: [{ group: ['undici/*', 'axios/*', 'node-fetch/*'], message: NETWORK_MESSAGE }],
};
const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({ name, message: NETWORK_MESSAGE }));
const SHIPPED = { files: ['src/**/*.{ts,tsx}'], ignores: ['src/local/**', 'src/cli/**'] };

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
    files: ['src/**/*.{ts,tsx}'],
    plugins: { security },
    rules: {
      ...Object.fromEntries(Object.keys(security.configs.recommended.rules).map((rule) => [rule, 'error'])),
      // Noise here: it flags every `x[key]` (165 sites, all typed maps and arrays). The real risk, a hostile rule
      // document reaching __proto__/constructor, is handled where untrusted data is read (the logic engine reads own
      // properties only; test/logic/hostile.test.ts).
      'security/detect-object-injection': 'off',
      // It matches names (hash, token, secret) next to ===: the app compares no secrets (Forge authenticates every
      // invocation); what it flagged were the audit log's public hash chain and the page's URL #hash.
      'security/detect-possible-timing-attacks': 'off',
    },
  },
  {
    // The admin page runs in the admin's own browser on what the admin typed: a slow regular expression there stalls
    // only their own tab, never a shared Forge invocation. The backend keeps the rule.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: { 'security/detect-unsafe-regex': 'off' },
  },
  {
    // Developer tools that never ship: they read the files and patterns the developer names, and the local host loads
    // the handler module by path, which is their job.
    files: ['src/local/**/*.ts', 'src/cli/**/*.ts', 'src/**/*.test.ts'],
    rules: {
      'security/detect-non-literal-fs-filename': 'off',
      'security/detect-non-literal-require': 'off',
      'security/detect-non-literal-regexp': 'off',
      'security/detect-unsafe-regex': 'off',
    },
  },
  {
    ...SHIPPED,
    rules: {
      'no-restricted-imports': ['error', NETWORK_IMPORTS],
      'no-restricted-globals': ['error', ...NETWORK_GLOBALS],
    },
  },
  {
    // The pure core decides; it never reaches Forge, the network, the file system or a clock of its own.
    files: ['src/core/**/*.ts'],
    rules: {
      // Replaces the shipped-code block's options for these files (flat config does not merge them): keep both.
      'no-restricted-imports': ['error', {
        paths: NETWORK_IMPORTS.paths,
        patterns: [
          ...NETWORK_IMPORTS.patterns,
          { group: ['@forge/*'], message: 'The core is pure: reach Forge through a port in src/ports.' },
          { group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process'], message: 'The core does no I/O.' },
          { group: ['**/adapters/**', '**/local/**', '**/entry/**', '**/app/**', '**/cli/**'], message: 'The core imports only the core.' },
        ],
      }],
      'no-restricted-globals': ['error', ...NETWORK_GLOBALS],
    },
  },
  {
    // The admin page runs in the browser: it reaches the backend only through its client (src/ui/admin/client.ts),
    // and may import backend modules for their types only.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: NETWORK_IMPORTS.paths,
        patterns: [
          ...NETWORK_IMPORTS.patterns,
          { group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process'], message: 'The admin page runs in the browser.' },
          { group: ['**/adapters/**', '**/local/**', '**/entry/**', '**/cli/**'], message: 'The admin page talks to the backend through its client only.' },
          { group: ['**/app/**'], allowTypeImports: true, message: 'Import backend modules for their types only (import type).' },
        ],
      }],
    },
  },
  {
    // Programs that talk to a terminal may print.
    files: ['src/cli/**/*.ts', 'src/local/**/*.ts', 'scripts/**/*.{ts,mjs}', 'bench/**/*.ts', 'reliability/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain Node scripts CI runs without a build step (scripts/*.mjs).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
