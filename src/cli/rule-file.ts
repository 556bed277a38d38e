import type { ValidationIssue } from '../core/rule/issue-codes.js';
import { validateRule, type ValidationResult } from '../core/rule/validate.js';
import { parseJsonText } from './json-text.js';

/** Parses and validates one rule file's text. Never throws: every problem is an issue. */
export function checkRuleText(text: string): ValidationResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, issues: [parsed.issue] };
  try {
    return validateRule(parsed.value);
  } catch (err) {
    // The validator promises not to throw; if it does, the admin still gets a line per file, not a stack trace.
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, issues: [{ path: '', code: 'INTERNAL_ERROR', message: `The validator failed: ${detail}` }] };
  }
}

/**
 * One issue as one grep-friendly line: `<file>:<pointer> <CODE> <message>`. The pointer is empty for the
 * document as a whole; whitespace and "%" in it are percent-encoded (as in a JSON Pointer URI fragment) so
 * the first space always ends the location.
 */
export function formatIssue(file: string, issue: ValidationIssue): string {
  return `${file}:${printablePointer(issue.path)} ${issue.code} ${oneLine(issue.message)}`;
}

function printablePointer(pointer: string): string {
  return pointer.replace(/[\s%\p{Cc}]/gu, (char) => encodeURIComponent(char));
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
