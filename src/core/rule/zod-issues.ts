import type { z } from 'zod';
import type { IssueCode, ValidationIssue } from './issue-codes.js';
import { child, pointer, valueAt } from './json-pointer.js';
import { SUPPORTED_EVENTS } from './limits.js';
import { didYouMean } from './suggest.js';

type ZodIssue = z.core.$ZodIssue;

/**
 * zod's issues, translated into the rule document's closed set of codes and into words an admin can act on.
 * zod's own messages are written for developers ("expected string, received undefined"); ours name the property,
 * the limit and the fix.
 */
export function fromZodIssues(zodIssues: readonly ZodIssue[], input: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of zodIssues) translate(issue, [], input, out);
  return out;
}

function translate(issue: ZodIssue, base: readonly PropertyKey[], input: unknown, out: ValidationIssue[]): void {
  const segments = [...base, ...issue.path];
  const path = pointer(segments.map((s) => (typeof s === 'symbol' ? String(s) : s)));
  const value = valueAt(input, segments);
  const last = segments[segments.length - 1];
  // A list item is named by its list: "labels[0]", not "0".
  const name = typeof last === 'number' ? `${String(segments[segments.length - 2] ?? 'list')}[${last}]` : String(last ?? 'the rule');
  const push = (code: IssueCode, message: string): void => {
    out.push({ path, code, message });
  };

  if (value === undefined && issue.code !== 'unrecognized_keys' && !(issue.code === 'invalid_union' && issue.discriminator !== undefined)) {
    push('REQUIRED', `"${name}" is required.`);
    return;
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') push('NOT_AN_INTEGER', `"${name}" must be a whole number; found ${describe(value)}.`);
      else push('INVALID_TYPE', `"${name}" must be ${article(issue.expected)}; found ${describe(value)}.`);
      return;
    case 'invalid_value':
      if (path === '/schemaVersion') {
        push('UNSUPPORTED_SCHEMA_VERSION', `This is a version 1 rule document: set "schemaVersion" to 1 (found ${describe(value)}).`);
      } else if (/^\/trigger\/events\/\d+$/.test(path)) {
        const text = typeof value === 'string' ? `"${value}"` : describe(value);
        push('UNKNOWN_EVENT', `${text} is not a supported event. Use one of: ${SUPPORTED_EVENTS.join(', ')}.${typeof value === 'string' ? didYouMean(value, SUPPORTED_EVENTS) : ''}`);
      } else {
        push('INVALID_VALUE', `"${name}" must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; found ${describe(value)}.`);
      }
      return;
    case 'invalid_union':
      if (issue.discriminator !== undefined && issue.errors.length === 0) {
        discriminator(issue, path, value, push);
        return;
      }
      bestBranch(issue.errors, segments, input, out, () => {
        push('INVALID_TYPE', `"${name}" has the wrong shape; found ${describe(value)}.`);
      });
      return;
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        out.push({ path: child(path, key), code: 'UNKNOWN_PROPERTY', message: `"${key}" is not a property here; remove it or check its spelling.` });
      }
      return;
    case 'invalid_key': {
      const message = issue.issues[0]?.message ?? 'not an allowed name';
      push('INVALID_FORMAT', `"${name}" is not a valid name: use ${message}.`);
      return;
    }
    case 'too_small':
      push('TOO_SMALL', sizeMessage(name, issue.origin, 'at least', issue.minimum, value));
      return;
    case 'too_big':
      push('TOO_BIG', sizeMessage(name, issue.origin, 'at most', issue.maximum, value));
      return;
    case 'invalid_format':
      push('INVALID_FORMAT', `"${name}" must be ${issue.message}; found ${describe(value)}.`);
      return;
    default:
      push('INVALID_VALUE', `"${name}" is not valid: ${issue.message}.`);
  }
}

function discriminator(
  issue: z.core.$ZodIssueInvalidUnion,
  path: string,
  value: unknown,
  push: (code: IssueCode, message: string) => void,
): void {
  const options = ('options' in issue ? issue.options ?? [] : []).map(String);
  const isTrigger = path === '/trigger/type';
  if (value === undefined) {
    push('REQUIRED', `"type" is required: one of ${options.join(', ')}.`);
    return;
  }
  const hint = typeof value === 'string' ? didYouMean(value, options) : '';
  push(
    isTrigger ? 'UNKNOWN_TRIGGER_TYPE' : /^\/actions\/\d+\/type$/.test(path) ? 'UNKNOWN_ACTION_TYPE' : 'INVALID_VALUE',
    `${describe(value)} is not a ${isTrigger ? 'trigger' : 'action'} type. Use one of: ${options.join(', ')}.${hint}`,
  );
}

/**
 * A union failed every branch: report the branch that got furthest (the one that failed on something other than the
 * value's type, e.g. a comment body that is a string but too long), so the admin reads one precise issue.
 */
function bestBranch(
  branches: readonly (readonly ZodIssue[])[],
  base: readonly PropertyKey[],
  input: unknown,
  out: ValidationIssue[],
  fallback: () => void,
): void {
  const informative = branches.find((b) => b.length > 0 && !b.every((i) => (i.code === 'invalid_type' || i.code === 'custom') && i.path.length === 0));
  if (!informative) {
    fallback();
    return;
  }
  for (const issue of informative) translate(issue, base, input, out);
}

function sizeMessage(name: string, origin: string, bound: string, limit: number | bigint, value: unknown): string {
  switch (origin) {
    case 'string':
      return Number(limit) === 1 && bound === 'at least'
        ? `"${name}" must not be empty.`
        : `"${name}" must have ${bound} ${limit} characters (has ${typeof value === 'string' ? value.length : '?'}).`;
    case 'array':
      return `"${name}" must have ${bound} ${limit} item${Number(limit) === 1 ? '' : 's'} (has ${Array.isArray(value) ? value.length : '?'}).`;
    default:
      return `"${name}" must be ${bound} ${limit}; found ${describe(value)}.`;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** A short, safe rendering of a value for a message: never the whole of a huge value. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}
