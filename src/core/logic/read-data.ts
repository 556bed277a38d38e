import { text } from './coerce.js';

/**
 * How `var` and `missing` read data: json-logic-js's walk (split on ".", stop at null, default when absent) on own
 * properties only. json-logic-js reads `data[key]`, so {"var": "constructor.constructor"} returns Function there;
 * here keys that name the prototype machinery never resolve, inherited members are absent, and a function is never
 * a value (JSON cannot hold one, so one could only come from a caller's mistake).
 */
export function isForbidden(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * The own property `key` of a value, or undefined, for a key known not to be forbidden (checked once, when a path is
 * compiled). Strings have their characters and length, like json-logic-js. Everything a run reads goes through here.
 */
export function member(value: unknown, key: string): unknown {
  if (typeof value === 'object') {
    if (value === null || !Object.hasOwn(value, key)) return undefined;
    const found = (value as Record<string, unknown>)[key];
    return typeof found === 'function' ? undefined : found;
  }
  // A string's own members are its indexes and length (Object.hasOwn boxes it, as json-logic-js's read would).
  return typeof value === 'string' && Object.hasOwn(Object(value) as object, key) ? (value as unknown as Record<string, unknown>)[key] : undefined;
}

/** The own property `key` of a value, or undefined; forbidden keys never resolve. */
export function ownMember(value: unknown, key: string): unknown {
  return isForbidden(key) ? undefined : member(value, key);
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
    value = ownMember(value, segment);
    if (value === undefined) return notFound;
  }
  return value;
}

/** A path computed at run time (`{"var": {"cat": ...}}`, `missing` of computed keys): the text of one key. */
export function readKey(scope: unknown, key: unknown, notFound: unknown): unknown {
  if (typeof key === 'string' && key !== '' && !key.includes('.')) {
    const value = ownMember(scope, key);
    return value === undefined ? notFound : value;
  }
  return readPath(scope, pathSegments(key), notFound);
}

/** Literal segments with no forbidden key, or null when the path can never resolve. */
export function safeSegments(segments: readonly string[]): readonly string[] | null {
  return segments.some(isForbidden) ? null : segments;
}

/**
 * A compiled literal path (no forbidden segment): the value at the path or undefined when a step is absent (the
 * caller applies the default). Short paths, the usual "issue.fields.x.y", are unrolled.
 */
export function pathReader(segments: readonly string[] | undefined): (scope: unknown) => unknown {
  if (segments === undefined) return (scope) => scope;
  if (safeSegments(segments) === null) return () => undefined;
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
      return (s) => readSegments(s, segments);
  }
}

/** The value at literal segments (none forbidden), or undefined. */
export function readSegments(scope: unknown, segments: readonly string[]): unknown {
  let value = scope;
  for (let i = 0; i < segments.length && value !== undefined; i++) value = member(value, segments[i] as string);
  return value;
}
