import { text } from './coerce.js';

/**
 * How `var` and `missing` read data: json-logic-js's walk (split on ".", stop at null, default when absent) on own
 * properties only. json-logic-js reads `data[key]`, so {"var": "constructor.constructor"} returns Function there;
 * here keys that name the prototype machinery never resolve, inherited members are absent, and a function is never
 * a value (JSON cannot hold one, so one could only come from a caller's mistake).
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The own property `key` of a value, or undefined. Strings have their characters and length, like json-logic-js. */
export function ownMember(value: unknown, key: string): unknown {
  if (value === null || value === undefined || FORBIDDEN.has(key)) return undefined;
  const type = typeof value;
  if (type !== 'object' && type !== 'string') return undefined;
  if (!Object.hasOwn(value, key)) return undefined;
  const member = (value as Record<string, unknown>)[key];
  return typeof member === 'function' ? undefined : member;
}

/** The segments of a `var` path; "" and null (and no path) mean the whole scope. */
export function pathSegments(path: unknown): readonly string[] | undefined {
  if (path === undefined || path === null || path === '') return undefined;
  return text(path).split('.');
}

/** json-logic-js's `var`: the value at the path, `notFound` when a step is absent (a present null stays null). */
export function readPath(scope: unknown, segments: readonly string[] | undefined, notFound: unknown): unknown {
  if (segments === undefined) return scope;
  let value = scope;
  for (const segment of segments) {
    if (value === null || value === undefined) return notFound;
    value = ownMember(value, segment);
    if (value === undefined) return notFound;
  }
  return value;
}

/** Own property `key` when `key` is known not to be forbidden (checked once, when the path was compiled). */
function member(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'string' ? ownMember(value, key) : undefined;
  if (!Object.hasOwn(value, key)) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'function' ? undefined : found;
}

/**
 * A compiled literal `var` path: the value at the path or undefined when a step is absent (the caller applies the
 * default). Short paths, the usual "issue.fields.x.y", are unrolled.
 */
export function pathReader(segments: readonly string[] | undefined): (scope: unknown) => unknown {
  if (segments === undefined) return (scope) => scope;
  if (segments.some((segment) => FORBIDDEN.has(segment))) return () => undefined;
  const [k0 = '', k1 = '', k2 = '', k3 = ''] = segments;
  switch (segments.length) {
    case 1:
      return (s) => member(s, k0);
    case 2:
      return (s) => member(member(s, k0), k1);
    case 3:
      return (s) => member(member(member(s, k0), k1), k2);
    case 4:
      return (s) => member(member(member(member(s, k0), k1), k2), k3);
    default:
      return (s) => {
        let value = s;
        for (const segment of segments) {
          value = member(value, segment);
          if (value === undefined) return undefined;
        }
        return value;
      };
  }
}
