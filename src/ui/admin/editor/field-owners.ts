import { escapeSegment } from '../../../core/rule/json-pointer.js';
import { asArray, asObject, type Draft } from './document-edit.js';

/**
 * Which form field owns a validation issue. The validator speaks JSON Pointers (/trigger/cron, /actions/1/to,
 * /when/and/0/var); the form lists the pointers its fields edit, and an issue belongs to the field with the longest
 * pointer that is a prefix of the issue's path. `target` is the field whose element shows the message, when a
 * pointer has no control of its own (/limits shows at its only input).
 */
export type FormField = { pointer: string; label: string; target: string };

const field = (pointer: string, label: string, target = pointer): FormField => ({ pointer, label, target });

export const PARAM_LABELS: Record<string, Record<string, string>> = {
  comment: { body: 'Comment body' },
  setField: { field: 'Field', value: 'Field value' },
  addLabels: { labels: 'Labels' },
  removeLabels: { labels: 'Labels' },
  transition: { to: 'Transition to' },
  assign: { accountId: 'Assignee' },
  record: { name: 'Record name', value: 'Record value' },
};

/** Every field the form shows for this document. */
export function formFields(doc: Draft): FormField[] {
  const fields = [
    field('/id', 'Rule id'), field('/name', 'Name'), field('/description', 'Description'), field('/enabled', 'Enabled'),
    field('/scope', 'Scope'), field('/scope/projects', 'Projects'), field('/scope/issueTypes', 'Issue types'),
    field('/trigger', 'Trigger'),
  ];
  const trigger = asObject(doc.trigger);
  if (trigger.type === 'event') fields.push(field('/trigger/events', 'Events'), field('/trigger/fields', 'Changed fields'));
  if (trigger.type === 'schedule') {
    fields.push(field('/trigger/cron', 'Cron'), field('/trigger/timezone', 'Time zone'), field('/trigger/jql', 'JQL'), field('/trigger/maxIssues', 'Max issues per run'));
  }
  fields.push(field('/let', 'Let values'));
  for (const name of Object.keys(asObject(doc.let))) fields.push(field(`/let/${escapeSegment(name)}`, `Value "${name}"`));
  fields.push(field('/when', 'Condition'), field('/actions', 'Actions'));
  asArray(doc.actions).forEach((action, i) => {
    const at = `/actions/${String(i)}`;
    fields.push(field(at, `Action ${String(i + 1)} type`));
    const type = asObject(action).type;
    const params = typeof type === 'string' ? PARAM_LABELS[type] : undefined;
    for (const [param, label] of Object.entries(params ?? {})) fields.push(field(`${at}/${param}`, `Action ${String(i + 1)}: ${label}`));
  });
  fields.push(field('/limits', 'Max runs per hour', '/limits/maxRunsPerHour'), field('/limits/maxRunsPerHour', 'Max runs per hour'));
  return fields;
}

/** The field owning `path`: the longest field pointer equal to it or a prefix of it at a segment boundary. */
export function ownerOf(path: string, fields: readonly FormField[]): FormField | undefined {
  let best: FormField | undefined;
  for (const candidate of fields) {
    const p = candidate.pointer;
    if ((path === p || path.startsWith(`${p}/`)) && (best === undefined || p.length > best.pointer.length)) best = candidate;
  }
  return best;
}

/** A DOM id for a field's element, from its pointer: unique, stable, and valid in CSS selectors. */
export function fieldDomId(pointer: string): string {
  return `rf-field${pointer.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}
