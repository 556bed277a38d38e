/**
 * Reading a Jira changelog: the `changed*` operators and the updated-event trigger's `fields` filter agree on what
 * "this item is about that field" means. Jira names a field in two ways: `field` (the name, e.g. "status",
 * "Story Points") and `fieldId` (e.g. "customfield_10016"); legacy items have no fieldId. An admin may write either.
 *
 * Items are read by name (`item.field`), not through the generic data walk: every item of a changelog has the same
 * shape, so these reads stay monomorphic. They keep its rules: own properties only (a value is checked to be own
 * once it matches), and a function is no value.
 */
type Item = { field?: unknown; fieldId?: unknown; from?: unknown; fromString?: unknown; to?: unknown; toString?: unknown };

const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/** The run's `changelog.items` (own members of the root data), or no items. */
export function changelogItems(data: unknown): readonly unknown[] {
  if (typeof data !== 'object' || data === null) return NO_ITEMS;
  const changelog = (data as { changelog?: unknown }).changelog;
  if (typeof changelog !== 'object' || changelog === null || !Object.hasOwn(data, 'changelog')) return NO_ITEMS;
  const items = (changelog as { items?: unknown }).items;
  return Array.isArray(items) && Object.hasOwn(changelog, 'items') ? items : NO_ITEMS;
}

function aboutField(item: Item, field: string): boolean {
  return (item.field === field && Object.hasOwn(item, 'field')) || (item.fieldId === field && Object.hasOwn(item, 'fieldId'));
}

export function itemIsAbout(item: unknown, field: string): boolean {
  return typeof item === 'object' && item !== null && aboutField(item, field);
}

/** Whether an item's member counts as null: null, absent, inherited, or a function. */
function nullish(item: Item, key: string, value: unknown): boolean {
  return value === null || value === undefined || typeof value === 'function' || !Object.hasOwn(item, key);
}

/** Whether the value an item changed from (`to` false: fromString/from) or to (toString/to) is `want`. */
function hasValue(item: Item, to: boolean, want: string | null): boolean {
  const shown = to ? item.toString : item.fromString, raw = to ? item.to : item.from;
  const shownKey = to ? 'toString' : 'fromString', rawKey = to ? 'to' : 'from';
  if (want === null) return nullish(item, shownKey, shown) && nullish(item, rawKey, raw);
  return (shown === want && Object.hasOwn(item, shownKey)) || (raw === want && Object.hasOwn(item, rawKey));
}

/**
 * changedFrom / changedTo: an item about `field` whose value (its text or its id) is `expected`; a number is compared
 * as its text, and null matches an item whose text and id are both null.
 */
export function changedWith(items: readonly unknown[], field: string, to: boolean, expected: unknown): boolean {
  const want = typeof expected === 'number' ? String(expected) : expected;
  if (want !== null && typeof want !== 'string') return false;
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    if (aboutField(item, field) && hasValue(item, to, want)) return true;
  }
  return false;
}
