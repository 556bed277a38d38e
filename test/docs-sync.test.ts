import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ISSUE_CODES } from '../src/core/rule/issue-codes.js';

it('docs/validation-codes.md documents exactly the closed set of issue codes', () => {
  const doc = readFileSync(new URL('../docs/validation-codes.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
  expect([...documented].sort()).toEqual([...ISSUE_CODES].sort());
});
