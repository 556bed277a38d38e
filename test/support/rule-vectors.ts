import { readFileSync } from 'node:fs';
import { patchRule } from './merge-patch.js';

export type ExpectedIssue = { path: string; code: string };
export type ValidationCase = { name: string; document: unknown; issues: ExpectedIssue[] };

type RawCase = { name: string; base?: string; patch?: Record<string, unknown>; document?: unknown; issues: ExpectedIssue[] };

const dir = new URL('../vectors/validation/', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

/** The base rules every patched case starts from. */
export const baseRules = readJson('base-rules.json') as Record<string, unknown>;

/** test/vectors/validation/cases.json, each case resolved to the document it describes. */
export function validationCases(): ValidationCase[] {
  const { cases } = readJson('cases.json') as { cases: RawCase[] };
  return cases.map((c) => ({
    name: c.name,
    issues: c.issues,
    document: 'document' in c ? c.document : patchRule(baseRules[c.base ?? 'event'], c.patch ?? {}),
  }));
}
