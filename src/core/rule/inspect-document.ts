import { DOCUMENT_LIMITS as D } from './limits.js';
import type { ValidationIssue } from './issue-codes.js';
import { child } from './json-pointer.js';

/**
 * The first look at an untrusted document, before zod or any recursive reader sees it: is it JSON at all, and is
 * it small and shallow enough to read safely? The walk is iterative and stops early, so a 10,000-level nesting or a
 * 100,000-element array costs microseconds. Any issue found here is fatal: nothing else reads the document.
 *
 * These limits are guards against hostile input, far above any real rule; the rule's own limits (logic depth,
 * node counts, string lengths) are checked later with precise paths.
 */
export function inspectDocument(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  let nodes = 0;
  let size = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    nodes++;
    if (nodes > D.nodes || size > D.bytes) {
      issues.push({
        path: '',
        code: 'DOCUMENT_TOO_LARGE',
        message: `The document is too large: a rule has at most ${D.nodes} values and about ${D.bytes / 1024} KiB.`,
      });
      return issues;
    }
    if (value === null || typeof value === 'boolean') {
      size += 5;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) issues.push(notJson(path, String(value)));
      size += 8;
    } else if (typeof value === 'string') {
      size += value.length + 2;
      if (value.length > D.stringLength) {
        issues.push({ path, code: 'STRING_TOO_LONG', message: `This text has ${value.length} characters; at most ${D.stringLength} are allowed anywhere in a rule.` });
      }
    } else if (Array.isArray(value)) {
      if (depth >= D.depth) {
        issues.push(tooDeep(path));
      } else if (value.length > D.arrayLength) {
        issues.push({ path, code: 'ARRAY_TOO_LONG', message: `This list has ${value.length} items; at most ${D.arrayLength} are allowed anywhere in a rule.` });
      } else {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: child(path, i), depth: depth + 1 });
      }
    } else if (typeof value === 'object' && isPlainObject(value)) {
      if (depth >= D.depth) {
        issues.push(tooDeep(path));
        continue;
      }
      const keys = Object.keys(value);
      if (keys.length > D.objectKeys) {
        issues.push({ path, code: 'TOO_MANY_PROPERTIES', message: `This object has ${keys.length} properties; at most ${D.objectKeys} are allowed.` });
        continue;
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        size += key.length + 3;
        if (key.length > D.stringLength) {
          issues.push({ path: child(path, key.slice(0, 40)), code: 'STRING_TOO_LONG', message: `A property name has ${key.length} characters.` });
          continue;
        }
        stack.push({ value: (value as Record<string, unknown>)[key], path: child(path, key), depth: depth + 1 });
      }
    } else {
      issues.push(notJson(path, value === undefined ? 'undefined' : typeof value));
    }
    // One report per kind of fault is enough for a hostile document; stop before the issue list itself gets huge.
    if (issues.length >= 20) return issues;
  }
  return issues;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function notJson(path: string, what: string): ValidationIssue {
  return { path, code: 'NOT_JSON', message: `A rule is plain JSON; ${what} is not a JSON value.` };
}

function tooDeep(path: string): ValidationIssue {
  return { path, code: 'DOCUMENT_TOO_DEEP', message: `The document nests deeper than ${D.depth} levels here.` };
}
