import { SUPPORTED_EVENTS } from '../../../core/rule/limits.js';

/**
 * The rule being edited is plain JSON, not a typed Rule: the JSON tab may hold anything, and the form must show
 * (and the validator judge) whatever is there without losing it. These helpers read it defensively and write it
 * immutably, one path at a time, so a part the admin did not touch stays exactly as it was.
 */
export type Draft = Record<string, unknown>;
export type Segment = string | number;

export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
export const asObject = (value: unknown): Record<string, unknown> => (isObject(value) ? value : {});
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asText = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

/** The spec's order of properties, so a property the form adds lands where a person would write it. */
const ORDER: Record<string, readonly string[]> = {
  '': ['$schema', 'schemaVersion', 'id', 'name', 'description', 'enabled', 'scope', 'trigger', 'let', 'when', 'actions', 'limits'],
  '/trigger': ['type', 'events', 'fields', 'cron', 'timezone', 'jql', 'maxIssues'],
  '/scope': ['projects', 'issueTypes'],
};

/** Sets (or, with undefined, removes) the value at `path`, creating objects on the way. Never mutates `root`. */
export function setAt(root: Draft, path: readonly Segment[], value: unknown): Draft {
  return setIn(root, path, value, '') as Draft;
}

function setIn(node: unknown, path: readonly Segment[], value: unknown, at: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const list = [...asArray(node)];
    const next = setIn(list[head], rest, value, `${at}/${String(head)}`);
    if (next === undefined) list.splice(head, 1);
    else list[head] = next;
    return list;
  }
  const object = asObject(node);
  const next = setIn(Object.hasOwn(object, head) ? object[head] : undefined, rest, value, `${at}/${head}`);
  return withKey(object, head, next, ORDER[at]);
}

function withKey(object: Record<string, unknown>, key: string, value: unknown, order: readonly string[] | undefined): Record<string, unknown> {
  const entries = Object.entries(object).filter(([k]) => k !== key);
  if (value === undefined) return Object.fromEntries(entries);
  if (Object.hasOwn(object, key)) return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, k === key ? value : v]));
  const rank = order?.indexOf(key) ?? -1;
  const index = rank < 0 ? entries.length : entries.findIndex(([k]) => (order?.indexOf(k) ?? -1) > rank);
  entries.splice(index < 0 ? entries.length : index, 0, [key, value]);
  return Object.fromEntries(entries);
}

/** Moves item `from` to `to` in a list (reordering actions and let values). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/** A new rule: a comment on updated issues, ready to be named and given a condition. */
export function blankRule(): Draft {
  return {
    schemaVersion: 1,
    id: '',
    name: '',
    enabled: true,
    trigger: { type: 'event', events: [SUPPORTED_EVENTS[1]] },
    actions: [{ type: 'comment', body: '' }],
  };
}
