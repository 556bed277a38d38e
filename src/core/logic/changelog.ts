import { ownMember } from './read-data.js';

/**
 * Reading a Jira changelog: the `changed*` operators and the updated-event trigger's `fields` filter agree on what
 * "this item is about that field" means. Jira names a field in two ways: `field` (the name, e.g. "status",
 * "Story Points") and `fieldId` (e.g. "customfield_10016"); legacy items have no fieldId. An admin may write either.
 */
export function changelogItems(data: unknown): readonly unknown[] {
  const items = ownMember(ownMember(data, 'changelog'), 'items');
  return Array.isArray(items) ? items : [];
}

export function itemIsAbout(item: unknown, field: string): boolean {
  return ownMember(item, 'field') === field || ownMember(item, 'fieldId') === field;
}

/** Whether a changelog value (a `fromString`/`from` or `toString`/`to` pair) is the expected one. */
export function itemHasValue(item: unknown, textKey: string, idKey: string, expected: unknown): boolean {
  const shown = ownMember(item, textKey) ?? null, raw = ownMember(item, idKey) ?? null;
  if (expected === null) return shown === null && raw === null;
  const want = typeof expected === 'number' ? String(expected) : expected;
  if (typeof want !== 'string') return false;
  return shown === want || raw === want;
}
