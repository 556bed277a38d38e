import { fieldLabel, type JqlFieldRef } from './ast.js';
import { dayResolver, instantResolver, storedDay, storedInstant } from './date-values.js';
import { EQUALITY, ORDERED, containsPrepare, ops, orderedPrepare, same, type FieldSpec, type PrepareResult, type Unit } from './domains.js';
import { systemFields } from './system-fields.js';
import type { JqlContext, JqlCustomField, JqlIssue } from './types.js';

/** `unsupported`: a real Jira field this site does not simulate (as opposed to one Jira does not have). */
export type FieldLookup = { ok: true; spec: FieldSpec } | { ok: false; message: string; unsupported: boolean };

/**
 * Jira fields outside the subset. Naming one gets "not supported by this simulated Jira site" instead of
 * Jira's "does not exist", which would be untrue.
 */
const KNOWN_UNSUPPORTED = new Set(
  (
    'affectedversion approvals attachments category comment component creator development environment ' +
    'filter fixversion issuelinktype lastviewed level originalestimate parent rank remainingestimate request-channel-type ' +
    'resolutiondate resolved sprint statuscategorychangeddate team timeestimate timeoriginalestimate timespent voter votes ' +
    'watcher watchers workratio worklogauthor worklogcomment worklogdate'
  ).split(' '),
);
KNOWN_UNSUPPORTED.add('epic link');

export function lookupField(ref: JqlFieldRef, context: JqlContext, fields: ReadonlyMap<string, FieldSpec>): FieldLookup {
  const label = fieldLabel(ref);
  const lower = ref.kind === 'name' ? ref.name.toLowerCase() : '';
  const system = fields.get(lower);
  if (system) return { ok: true, spec: system };
  const id = ref.kind === 'cf' ? `customfield_${ref.id}` : /^customfield_\d+$/.test(lower) ? lower : null;
  const candidates = id === null
    ? context.customFields.filter((field) => same(field.name, lower))
    : context.customFields.filter((field) => field.id.toLowerCase() === id);
  const [custom, ...others] = candidates;
  if (custom && others.length === 0) return { ok: true, spec: customSpec(custom, context) };
  if (custom) {
    const message = `The field name '${label}' matches several custom fields; this simulated Jira site needs cf[id] to tell them apart.`;
    return { ok: false, message, unsupported: true };
  }
  if (KNOWN_UNSUPPORTED.has(lower)) return { ok: false, message: `The field '${label}' is not supported by this simulated Jira site.`, unsupported: true };
  return { ok: false, message: `Field '${label}' does not exist or you do not have permission to view it.`, unsupported: false };
}

export function fieldTable(context: JqlContext): ReadonlyMap<string, FieldSpec> {
  return systemFields(context);
}

function customSpec(field: JqlCustomField, context: JqlContext): FieldSpec {
  const read = (issue: JqlIssue): unknown => issue.custom[field.id];
  const clock = { now: context.now, timeZone: context.timeZone };
  switch (field.type) {
    case 'number': {
      const value = (issue: JqlIssue): number | null => { const v = read(issue); return typeof v === 'number' && Number.isFinite(v) ? v : null; };
      return {
        operators: ORDERED, valueKind: 'other', emptyable: true, isEmpty: (i) => value(i) === null,
        prepare: orderedPrepare(value, numberOperand), sort: { key: (i) => single(value(i)), defaultDirection: 'asc' },
      };
    }
    case 'string': {
      const value = (issue: JqlIssue): string => { const v = read(issue); return typeof v === 'string' ? v : ''; };
      return {
        operators: ops('~', '!~', 'is', 'is not'), valueKind: 'other', emptyable: true, isEmpty: (i) => value(i).trim() === '',
        texts: (i) => [value(i)], sort: { key: (i) => (value(i) === '' ? null : [value(i)]), defaultDirection: 'asc' },
      };
    }
    case 'date': {
      const value = (issue: JqlIssue): number | null => storedDay(read(issue));
      return {
        operators: ORDERED, valueKind: 'date', emptyable: true, isEmpty: (i) => value(i) === null,
        prepare: orderedPrepare(value, dayResolver(clock)), sort: { key: (i) => single(value(i)), defaultDirection: 'asc' },
      };
    }
    case 'datetime': {
      const value = (issue: JqlIssue): number | null => storedInstant(read(issue));
      return {
        operators: ORDERED, valueKind: 'date', emptyable: true, isEmpty: (i) => value(i) === null,
        prepare: orderedPrepare(value, instantResolver(clock)), sort: { key: (i) => single(value(i)), defaultDirection: 'asc' },
      };
    }
    case 'labels': {
      const value = (issue: JqlIssue): string[] => { const v = read(issue); return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []; };
      return {
        operators: EQUALITY, valueKind: 'other', emptyable: true, isEmpty: (i) => value(i).length === 0,
        prepare: containsPrepare(value), sort: { key: (i) => (value(i).length === 0 ? null : [[...value(i)].sort().join(' ')]), defaultDirection: 'asc' },
      };
    }
    case 'option': {
      const value = (issue: JqlIssue): { id?: string; value: string }[] => options(read(issue));
      return {
        operators: EQUALITY, valueKind: 'other', emptyable: true, isEmpty: (i) => value(i).length === 0,
        prepare: optionPrepare(value), sort: { key: (i) => (value(i).length === 0 ? null : value(i).map((o) => o.value)), defaultDirection: 'asc' },
      };
    }
  }
}

const single = (value: number | null): readonly number[] | null => (value === null ? null : [value]);

function numberOperand(unit: Unit, label: string): number | { error: string } {
  const text = unit.kind === 'string' || unit.kind === 'number' ? unit.value.trim() : '';
  const value = Number(text);
  return text !== '' && Number.isFinite(value) ? value : { error: `The value '${text}' for field '${label}' is not a valid number.` };
}

/** A select list's value: one option {id?, value} or several, as the site stores them. */
function options(raw: unknown): { id?: string; value: string }[] {
  const list = Array.isArray(raw) ? (raw as unknown[]) : raw === null || raw === undefined ? [] : [raw];
  const out: { id?: string; value: string }[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push({ value: item });
    else if (typeof item === 'object' && item !== null && typeof (item as { value?: unknown }).value === 'string') {
      const { id, value } = item as { id?: unknown; value: string };
      out.push(typeof id === 'string' ? { id, value } : { value });
    }
  }
  return out;
}

/** Options match by value, case-insensitively as Jira's option search does, or by option id. */
function optionPrepare(read: (issue: JqlIssue) => { id?: string; value: string }[]): (unit: Unit, label: string) => PrepareResult {
  return (unit, label) => {
    if (unit.kind !== 'string' && unit.kind !== 'number') return { error: `The value for the field '${label}' is invalid.` };
    const wanted = unit.value;
    return { equals: (i) => read(i).some((o) => same(o.value, wanted) || o.id === wanted) };
  };
}
