/**
 * The site's fields as GET /field lists them, which of them an edit may set and with which verbs, and how the
 * `fields` query parameter picks the ones a response carries (Jira's IncludedFields: `*all`, `*navigable`, ids,
 * `-id` to exclude; unknown ids are ignored, as Jira ignores them).
 */
import type { CustomField } from './model.js';

export type Verb = 'set' | 'add' | 'remove';

export type FieldInfo = {
  id: string;
  name: string;
  custom: boolean;
  navigable: boolean;
  orderable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema?: { type: string; system?: string; custom?: string; customId?: number; items?: string };
  /** Verbs PUT /issue accepts; none means "cannot be set". */
  verbs: readonly Verb[];
  /** issuekey is a field to JQL and GET /field, but an issue carries its key beside `fields`, not in it. */
  rendered: boolean;
};

function system(
  id: string, name: string, type: string, clauseNames: string[], options: Partial<FieldInfo> & { items?: string } = {},
): FieldInfo {
  const { items, ...rest } = options;
  return {
    id, name, custom: false, navigable: true, orderable: true, searchable: true, clauseNames, verbs: [], rendered: true,
    schema: { type, ...(items === undefined ? {} : { items }), system: id },
    ...rest,
  };
}

const SET: readonly Verb[] = ['set'];

export const SYSTEM_FIELDS: readonly FieldInfo[] = [
  system('summary', 'Summary', 'string', ['summary'], { verbs: SET }),
  system('issuetype', 'Issue Type', 'issuetype', ['issuetype', 'type']),
  system('project', 'Project', 'project', ['project']),
  system('status', 'Status', 'status', ['status'], { orderable: false }),
  system('priority', 'Priority', 'priority', ['priority'], { verbs: SET }),
  system('assignee', 'Assignee', 'user', ['assignee'], { verbs: SET }),
  system('reporter', 'Reporter', 'user', ['reporter'], { verbs: SET }),
  system('creator', 'Creator', 'user', ['creator'], { orderable: false }),
  system('labels', 'Labels', 'array', ['labels'], { items: 'string', verbs: ['set', 'add', 'remove'] }),
  system('description', 'Description', 'string', ['description'], { verbs: SET }),
  system('duedate', 'Due date', 'date', ['due', 'duedate'], { verbs: SET }),
  system('resolution', 'Resolution', 'resolution', ['resolution']),
  system('resolutiondate', 'Resolved', 'datetime', ['resolutiondate', 'resolved'], { orderable: false }),
  system('created', 'Created', 'datetime', ['created', 'createdDate'], { orderable: false }),
  system('updated', 'Updated', 'datetime', ['updated', 'updatedDate'], { orderable: false }),
  system('statuscategorychangedate', 'Status Category Changed', 'datetime', ['statusCategoryChangedDate'], { orderable: false }),
  system('comment', 'Comment', 'comments-page', ['comment'], { navigable: false, orderable: false }),
  {
    id: 'issuekey', name: 'Key', custom: false, navigable: true, orderable: false, searchable: false,
    clauseNames: ['id', 'issue', 'issuekey', 'key'], verbs: [], rendered: false,
  },
];

const CUSTOM_TYPES: Readonly<Record<CustomField['type'], { type: string; plugin: string }>> = {
  number: { type: 'number', plugin: 'float' },
  string: { type: 'string', plugin: 'textfield' },
  option: { type: 'option', plugin: 'select' },
  date: { type: 'date', plugin: 'datepicker' },
};

export function customFieldInfo(field: CustomField): FieldInfo {
  const customId = Number(field.id.replace('customfield_', ''));
  const { type, plugin } = CUSTOM_TYPES[field.type];
  return {
    id: field.id, name: field.name, custom: true, navigable: true, orderable: true, searchable: true,
    clauseNames: [`cf[${String(customId)}]`, field.name], verbs: SET, rendered: true,
    schema: { type, custom: `com.atlassian.jira.plugin.system.customfieldtypes:${plugin}`, customId },
  };
}

export function allFields(customFields: Iterable<CustomField>): FieldInfo[] {
  return [...SYSTEM_FIELDS, ...[...customFields].map(customFieldInfo)];
}

export type FieldSelection = { idsOnly: true } | { idsOnly: false; fields: string[] };

/**
 * `values` are the raw `fields` parameters (repeatable, each comma-separated). With none, `fallback` applies;
 * with only exclusions, they apply to `*navigable` (or to `*all` where that is the default).
 */
export function selectFields(values: readonly string[], fallback: '*all' | '*navigable' | 'id', fields: readonly FieldInfo[]): FieldSelection {
  const tokens = values.flatMap((value) => value.split(',')).map((token) => token.trim()).filter((token) => token !== '');
  const rendered = fields.filter((field) => field.rendered);
  const known = new Set(rendered.map((field) => field.id));
  let base: 'all' | 'navigable' | null = null;
  let wantsId = false;
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const token of tokens.length === 0 ? [fallback] : tokens) {
    if (token === '*all') base = 'all';
    else if (token === '*navigable') base = base ?? 'navigable';
    else if (token === 'id') wantsId = true;
    else if (token.startsWith('-')) exclude.add(token.slice(1));
    else if (known.has(token)) include.add(token);
  }
  if (base === null && include.size === 0 && !wantsId && exclude.size > 0) base = fallback === '*all' ? 'all' : 'navigable';
  if (base === null && include.size === 0 && wantsId) return { idsOnly: true };
  const chosen = rendered
    .filter((field) => base === 'all' || (base === 'navigable' && field.navigable) || include.has(field.id))
    .filter((field) => !exclude.has(field.id))
    .map((field) => field.id);
  return { idsOnly: false, fields: chosen };
}
