import { checkSemantics } from './check-semantics.js';
import type { ValidationIssue } from './issue-codes.js';
import { inspectDocument } from './inspect-document.js';
import { ruleSchema, type Rule } from './rule-schema.js';
import { fromZodIssues } from './zod-issues.js';

export type ValidationResult = { ok: true; rule: Rule } | { ok: false; issues: ValidationIssue[] };

/**
 * Validates a rule document: is it JSON of a safe size (inspect-document), does it have the spec's shape (zod), and
 * does it mean something runnable (check-semantics). Returns every issue found, sorted by path, or the rule with
 * defaults applied. Never throws, whatever `input` is.
 */
export function validateRule(input: unknown): ValidationResult {
  try {
    const fatal = inspectDocument(input);
    if (fatal.length > 0) return { ok: false, issues: fatal };
    const parsed = ruleSchema.safeParse(input);
    const issues = parsed.success ? [] : fromZodIssues(parsed.error.issues, input);
    if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
      issues.push(...checkSemantics(input as Record<string, unknown>));
    }
    if (parsed.success && issues.length === 0) return { ok: true, rule: parsed.data };
    return { ok: false, issues: dedupe(issues).sort(byPath) };
  } catch (err) {
    // A bug of ours must not become a crash in a resolver or the CLI: report it as an issue the admin can send us.
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
    return { ok: false, issues: [{ path: '', code: 'INTERNAL_ERROR', message: `The validator failed (${detail}). Please report this rule.` }] };
  }
}

function byPath(a: ValidationIssue, b: ValidationIssue): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
