// PLACEHOLDER being written by the lead; the signature below is final.
import type { ValidationIssue } from './issue-codes.js';
import type { Rule } from './rule-schema.js';

export type ValidationResult = { ok: true; rule: Rule } | { ok: false; issues: ValidationIssue[] };

export function validateRule(input: unknown): ValidationResult {
  void input;
  return { ok: false, issues: [{ path: '', code: 'INTERNAL_ERROR', message: 'not yet written' }] };
}
