// The Jira operators as plain functions, written from the spec (docs in ../../../shared/spec and the evaluator's
// contract), so that peers that lack them run the same rules: json-logic-js through add_operation, json-logic-engine
// through addMethod, json-rules-engine through addOperator. Straightforward code, neither tuned nor handicapped.
// `matches` uses a cached native RegExp: a peer would, while our engine pays for RE2 (its safety guarantee).

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
}

/** Epoch ms of an ISO-8601 date or date-time (see the spec's `date`), the number itself, or null. */
export function toDate(x: unknown): number | null {
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (typeof x !== 'string') return null;
  const m = DATE.exec(x);
  if (!m) return null;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  const hour = Number(m[4] ?? 0), minute = Number(m[5] ?? 0), second = Number(m[6] ?? 0), milli = Number((m[7] ?? '0').padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(-2));
    if (hours > 23 || minutes > 59) return null;
    offset = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  // Date.UTC reads years 0-99 as 1900-1999.
  if (year < 100) ms = new Date(ms).setUTCFullYear(year);
  return ms - offset;
}

function since(root: unknown, x: unknown, unit: number): number | null {
  const now = (root as { now?: unknown } | null)?.now;
  const date = toDate(x);
  return date === null || typeof now !== 'number' ? null : (now - date) / unit;
}

type Item = { field?: unknown; fieldId?: unknown; from?: unknown; fromString?: unknown; to?: unknown; toString?: unknown };

function itemsOf(root: unknown): Item[] {
  const items = (root as { changelog?: { items?: unknown } | null } | null)?.changelog?.items;
  return Array.isArray(items) ? (items as Item[]) : [];
}

function changedWith(items: Item[], field: unknown, value: unknown, side: 'from' | 'to'): boolean {
  const wanted = typeof value === 'number' ? String(value) : value;
  return items.some((i) => {
    if (i.field !== field && i.fieldId !== field) return false;
    const [raw, text] = side === 'from' ? [i.from, i.fromString] : [i.to, i.toString];
    return wanted === null ? raw === null && text === null : raw === wanted || text === wanted;
  });
}

const patterns = new Map<string, RegExp>();

/** Each operator takes the data root (for `now` and `changelog`) and its evaluated arguments. */
export const JIRA_OPS: Record<string, (root: unknown, a?: unknown, b?: unknown) => unknown> = {
  date: (_root, x) => toDate(x),
  daysSince: (root, x) => since(root, x, 86_400_000),
  hoursSince: (root, x) => since(root, x, 3_600_000),
  lower: (_root, x) => (typeof x === 'string' ? x.toLowerCase() : null),
  upper: (_root, x) => (typeof x === 'string' ? x.toUpperCase() : null),
  startsWith: (_root, s, part) => typeof s === 'string' && typeof part === 'string' && s.startsWith(part),
  endsWith: (_root, s, part) => typeof s === 'string' && typeof part === 'string' && s.endsWith(part),
  contains: (_root, s, part) =>
    typeof s === 'string' ? typeof part === 'string' && s.includes(part) : Array.isArray(s) && s.indexOf(part) !== -1,
  length: (_root, x) => (typeof x === 'string' || Array.isArray(x) ? x.length : 0),
  matches: (_root, s, pattern) => {
    if (typeof s !== 'string' || typeof pattern !== 'string') return false;
    let re = patterns.get(pattern);
    if (!re) patterns.set(pattern, (re = new RegExp(pattern, 'u')));
    return re.test(s);
  },
  changed: (root, field) => itemsOf(root).some((i) => i.field === field || i.fieldId === field),
  changedFrom: (root, field, value) => changedWith(itemsOf(root), field, value, 'from'),
  changedTo: (root, field, value) => changedWith(itemsOf(root), field, value, 'to'),
};

/** Operators that read the data root rather than only their arguments (compilers must not fold them). */
export const READS_DATA = new Set(['daysSince', 'hoursSince', 'changed', 'changedFrom', 'changedTo']);

export { changedWith, itemsOf };
