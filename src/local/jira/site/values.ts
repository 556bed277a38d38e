/**
 * Field setters: a value in Jira's REST shape (what `fields.x` or an `update` verb carries) checked and written
 * into an issue draft. A setter returns the message Jira would put under `errors[field]`, or nothing when the value
 * was taken.
 */
import { isAdfDocument } from './adf.js';
import { idText, isRecord } from './context.js';
import { MESSAGES } from './errors.js';
import type { Verb } from './fields.js';
import type { CustomField, Issue, Project } from './model.js';
import { hasProjectPermission } from './permissions.js';
import type { SiteState } from './state.js';

export type SetterContext = { state: SiteState; project: Project };
type Setter = (draft: Issue, verb: Verb, value: unknown, context: SetterContext) => string | undefined;

const MAX_SUMMARY = 255;
const MAX_LABEL = 255;

/** `{accountId}` (or the older `{id}`), or null. Anything else is not a user reference. */
function accountOf(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const id = value.accountId ?? value.id;
  return typeof id === 'string' ? id : undefined;
}

const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

export function validDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function canBeAssigned(state: SiteState, project: Project, accountId: string): boolean {
  const user = state.users.get(accountId);
  return user !== undefined && user.accountType === 'atlassian' && hasProjectPermission(user, project, 'ASSIGNABLE_USER');
}

function label(value: unknown): string | { error: string } {
  if (typeof value !== 'string' || value === '') return { error: 'Labels must be strings.' };
  if (/\s/.test(value)) return { error: MESSAGES.labelSpaces(value) };
  if (value.length > MAX_LABEL) return { error: `The label '${value}' is longer than ${String(MAX_LABEL)} characters.` };
  return value;
}

const SYSTEM_SETTERS: Readonly<Record<string, Setter>> = {
  summary: (draft, _verb, value) => {
    if (typeof value !== 'string') return 'Operation value must be a string';
    if (value.trim() === '') return MESSAGES.summaryRequired;
    if (value.length > MAX_SUMMARY) return MESSAGES.summaryTooLong;
    draft.summary = value;
    return undefined;
  },
  description: (draft, _verb, value) => {
    if (value !== null && !isAdfDocument(value)) return MESSAGES.notAdf;
    draft.description = value === null ? null : structuredClone(value);
    return undefined;
  },
  priority: (draft, _verb, value, { state }) => {
    if (value === null) {
      draft.priorityId = null;
      return undefined;
    }
    const ref = isRecord(value) ? value : {};
    const priority = [...state.priorities.values()].find((p) => (ref.id !== undefined ? p.id === idText(ref.id) : p.name === ref.name));
    if (!priority) return `Specify a valid priority (id or name); ${JSON.stringify(value)} is not one.`;
    draft.priorityId = priority.id;
    return undefined;
  },
  assignee: (draft, _verb, value, { state, project }) => {
    const accountId = accountOf(value);
    if (accountId === undefined) return 'Specify the assignee as {"accountId": "…"} or null.';
    // "-1" asks for automatic assignment: the project's default assignee, which is nobody on this site.
    if (accountId === null || accountId === '-1') draft.assignee = null;
    else if (canBeAssigned(state, project, accountId)) draft.assignee = accountId;
    else return MESSAGES.cannotAssign(accountId);
    return undefined;
  },
  reporter: (draft, _verb, value, { state }) => {
    const accountId = accountOf(value);
    if (accountId === undefined || (accountId !== null && !state.users.has(accountId))) return 'The reporter specified is not a user.';
    draft.reporter = accountId;
    return undefined;
  },
  labels: (draft, verb, value) => {
    const next = new Set(verb === 'set' ? [] : draft.labels);
    const values = verb === 'set' ? value : [value];
    if (!Array.isArray(values)) return 'Labels must be a list of strings.';
    for (const item of values) {
      const checked = label(item);
      if (typeof checked !== 'string') return checked.error;
      if (verb === 'remove') next.delete(checked);
      else next.add(checked);
    }
    draft.labels = [...next].sort();
    return undefined;
  },
  duedate: (draft, _verb, value) => {
    if (value !== null && !validDay(value)) return MESSAGES.badDate(typeof value === 'string' ? value : JSON.stringify(value));
    draft.duedate = value;
    return undefined;
  },
};

function customSetter(field: CustomField): Setter {
  return (draft, _verb, value) => {
    if (value === null) {
      // A removed key renders as null, the way Jira shows an empty custom field.
      draft.custom = Object.fromEntries(Object.entries(draft.custom).filter(([id]) => id !== field.id));
      return undefined;
    }
    const custom = { ...draft.custom };
    draft.custom = custom;
    switch (field.type) {
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) return 'Operation value must be a number';
        custom[field.id] = value;
        return undefined;
      case 'string':
        if (typeof value !== 'string') return 'Operation value must be a string';
        custom[field.id] = value;
        return undefined;
      case 'date':
        if (!validDay(value)) return MESSAGES.badDate(typeof value === 'string' ? value : JSON.stringify(value));
        custom[field.id] = value;
        return undefined;
      case 'option': {
        const ref = isRecord(value) ? value : {};
        const option = field.options?.find((o) => (ref.id !== undefined ? o.id === idText(ref.id) : o.value === ref.value));
        if (!option) return ref.id !== undefined ? `Option id '${shown(ref.id)}' is not valid` : `Option value '${shown(ref.value)}' is not valid`;
        custom[field.id] = { id: option.id, value: option.value };
        return undefined;
      }
    }
  };
}

export function setterFor(state: SiteState, fieldId: string): Setter | undefined {
  const custom = state.customFields.get(fieldId);
  return custom ? customSetter(custom) : SYSTEM_SETTERS[fieldId];
}
