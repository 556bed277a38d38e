#!/usr/bin/env node
// The command line is TypeScript in src/cli; tsx compiles it on the fly (and caches the result), so the
// repository needs no build step before `npx ruleforge`. Namespaced so only our own imports go through tsx.
/* global process, URL */
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'ruleforge', tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { run } = await tsx.import('../src/cli/main.ts', import.meta.url);

// A reader that stops early (`ruleforge validate rules | head`) closes the pipe; that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await run(process.argv.slice(2));
