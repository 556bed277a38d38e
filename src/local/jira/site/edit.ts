/**
 * Applies an IssueUpdateDetails body (`fields` and `update`) to a draft of an issue, the way Jira's edit does:
 * every field problem is collected and reported together in one 400 (`errors[field]`), nothing is written unless
 * all of it is valid, and `fields.x` is shorthand for `update.x: [{set}]`.
 */
import { isRecord } from './context.js';
import { JiraError, MESSAGES } from './errors.js';
import type { Verb } from './fields.js';
import type { Issue, Project, User } from './model.js';
import { hasProjectPermission } from './permissions.js';
import type { SiteState } from './state.js';
import { setterFor } from './values.js';

type Operation = { fieldId: string; verb: string; value: unknown };

export type EditOptions = {
  state: SiteState;
  actor: User;
  project: Project;
  /** Fields the caller handles itself (project and issuetype on create). */
  skip?: ReadonlySet<string>;
};

/** Fields a user needs one more permission than EDIT_ISSUES to set; without it Jira hides them from the screen. */
const FIELD_PERMISSIONS: Readonly<Record<string, string>> = {
  reporter: 'MODIFY_REPORTER',
  duedate: 'SCHEDULE_ISSUES',
  assignee: 'ASSIGN_ISSUES',
};

/** Writes the body into `draft` and returns the field ids it touched, or throws the 400 Jira would send. */
export function applyEdit(draft: Issue, body: Record<string, unknown>, options: EditOptions): string[] {
  const fields = body.fields ?? {};
  const update = body.update ?? {};
  if (!isRecord(fields)) throw new JiraError(400, { errorMessages: ["The 'fields' property must be an object."], errors: {} });
  if (!isRecord(update)) throw new JiraError(400, { errorMessages: ["The 'update' property must be an object."], errors: {} });
  const skip = options.skip ?? new Set<string>();
  const messages: string[] = [];
  const errors: Record<string, string> = {};
  const operations: Operation[] = [];

  for (const [fieldId, value] of Object.entries(fields)) {
    if (skip.has(fieldId)) continue;
    if (Object.hasOwn(update, fieldId)) messages.push(MESSAGES.bothFieldsAndUpdate(fieldId));
    else operations.push({ fieldId, verb: 'set', value });
  }
  for (const [fieldId, list] of Object.entries(update)) {
    if (skip.has(fieldId)) continue;
    if (!Array.isArray(list) || !list.every(isRecord)) {
      errors[fieldId] = `The update of field '${fieldId}' must be a list of operations such as [{"set": …}].`;
      continue;
    }
    for (const operation of list) {
      for (const [verb, value] of Object.entries(operation)) operations.push({ fieldId, verb, value });
    }
  }

  const touched: string[] = [];
  for (const { fieldId, verb, value } of operations) {
    if (errors[fieldId] !== undefined) continue;
    const problem = check(fieldId, verb, options) ?? setterFor(options.state, fieldId)?.(draft, verb as Verb, value, options);
    if (problem === undefined) touched.push(fieldId);
    else errors[fieldId] = problem;
  }
  if (messages.length > 0 || Object.keys(errors).length > 0) throw new JiraError(400, { errorMessages: messages, errors });
  return touched;
}

function check(fieldId: string, verb: string, { state, actor, project }: EditOptions): string | undefined {
  const info = state.fields.find((field) => field.id === fieldId);
  const extra = FIELD_PERMISSIONS[fieldId];
  if (!info || info.verbs.length === 0 || (extra !== undefined && !hasProjectPermission(actor, project, extra))) {
    return MESSAGES.cannotSet(fieldId);
  }
  if (!(info.verbs as readonly string[]).includes(verb)) {
    return `The operation '${verb}' is not supported for the field '${fieldId}'; it supports ${info.verbs.join(', ')}.`;
  }
  return undefined;
}
