/**
 * Test setup: an issue put on the site as it is somewhere else (a rule's vector), without a change, a history entry
 * or an event. Catalogue values are matched by name, as Jira's importers match them, and what the site lacks is
 * created: the project (with its own workflow), issue type, status, priority, resolution and the people named.
 * A value the site cannot hold (a field it does not have, a sub-task, a status of another category) throws: the
 * import never keeps less than it was given without saying so. A refused import stores no issue, but catalogue
 * entries and people it added before finding the problem stay (it is setup: the test fails there anyway).
 * Decision 0011, "Importing an issue (test setup)".
 */
import { STATUS_CATEGORIES } from './catalog.js';
import { isRecord, type Site } from './context.js';
import type { Issue, Project, StatusCategoryKey, User, Workflow } from './model.js';
import type { SiteState } from './state.js';
import { canBeAssigned, setterFor } from './values.js';

export type ImportIssue = {
  key: string;
  /** Jira's numeric issue id; the next free one when left out. */
  id?: string;
  /** REST v3 shapes, as GET /issue returns them (or a Forge event carries them). */
  fields: Record<string, unknown>;
  /** People the issue's fields do not name who must be assignable in its project (a rule's assign target). */
  accounts?: readonly { accountId: string; displayName?: string }[];
};

/** A project the import created gets this workflow: the Simple statuses and its issues' own, each reachable from every other. */
const IMPORTED_WORKFLOW = (key: string): string => `Imported ${key}`;
const BASE_STATUSES = ['10000', '3', '10002'];
const HANDLED = new Set(['project', 'issuetype', 'status', 'priority', 'resolution', 'assignee', 'reporter', 'creator', 'created', 'updated']);
const SET_BY_SETTER = new Set(['summary', 'description', 'labels', 'duedate']);

type Named = { id?: string; name: string };

export function importIssue(site: Site, input: ImportIssue): { id: string; key: string } {
  const state = site.state;
  const problems: string[] = [];
  const fields = input.fields;
  for (const field of Object.keys(fields)) {
    if (!HANDLED.has(field) && !SET_BY_SETTER.has(field) && !state.customFields.has(field)) problems.push(`the site has no field '${field}'`);
  }
  const projectRef = isRecord(fields.project) && typeof fields.project.key === 'string' ? fields.project : undefined;
  if (!projectRef || !input.key.startsWith(`${String(projectRef.key)}-`) || !/^[A-Z][A-Z0-9_]*-[1-9]\d*$/.test(input.key)) {
    throw new Error(`importIssue ${input.key}: fields.project.key must name the key's project, and the key must look like ABC-123`);
  }
  if (state.issue(input.key)) problems.push(`issue ${input.key} exists already`);
  if (input.id !== undefined && (!/^\d+$/.test(input.id) || state.issue(input.id))) problems.push(`issue id '${input.id}' is not a free numeric id`);

  const issueType = catalogEntry(fields.issuetype, 'issuetype', problems);
  if (isRecord(fields.issuetype) && fields.issuetype.subtask === true) problems.push('sub-tasks are not simulated');
  const statusRef = catalogEntry(fields.status, 'status', problems);
  const category = isRecord(fields.status) && isRecord(fields.status.statusCategory) ? fields.status.statusCategory.key : undefined;
  const typeId = issueType && findOrCreate(state.issueTypes, issueType, 'issue type', problems, (id) => ({ id, name: issueType.name, description: '', avatarId: 10318 }));
  const statusId = statusRef && findOrCreate(state.statuses, statusRef, 'status', problems, (id) => ({ id, name: statusRef.name, description: '', category: category as StatusCategoryKey }));
  if (statusId !== undefined && category !== undefined && state.statuses.get(statusId)?.category !== category) {
    problems.push(`status '${statusRef?.name ?? ''}' is in category ${JSON.stringify(category)} there, '${String(state.statuses.get(statusId)?.category)}' here`);
  }
  if (statusRef && statusId === undefined && !(typeof category === 'string' && category in STATUS_CATEGORIES)) problems.push(`a new status needs statusCategory.key (new, indeterminate or done)`);
  const priorityId = optionalEntry(fields.priority, 'priority', problems, (ref) => findOrCreate(state.priorities, ref, 'priority', problems, (id) => ({ id, name: ref.name, statusColor: '#999999' })));
  const resolutionId = optionalEntry(fields.resolution, 'resolution', problems, (ref) => findOrCreate(state.resolutions, ref, 'resolution', problems, (id) => ({ id, name: ref.name, description: '' })));
  const created = time(fields.created, 'created', problems) ?? site.clock.now();
  const updated = time(fields.updated, 'updated', problems) ?? created;
  if (problems.length > 0 || typeId === undefined || statusId === undefined) throw importError(input.key, problems);

  const project = projectFor(state, projectRef, typeId, statusId, problems);
  const person = (ref: unknown, field: string): string | null => personIn(state, project, ref, field, problems);
  const reporter = person(fields.reporter, 'reporter');
  const assignee = person(fields.assignee, 'assignee');
  const creator = fields.creator === undefined ? reporter : person(fields.creator, 'creator');
  for (const account of input.accounts ?? []) person({ ...account, accountType: 'atlassian' }, 'accounts');
  if (assignee !== null && !canBeAssigned(state, project, assignee)) problems.push(`assignee '${assignee}' cannot be assigned issues`);

  const draft: Issue = {
    id: input.id ?? '', key: input.key, projectId: project.id, issueTypeId: typeId, statusId, priorityId: priorityId ?? null,
    assignee, reporter, creator: creator ?? reporter ?? '', labels: [], created, updated, statusCategoryChanged: updated,
    duedate: null, resolutionId: resolutionId ?? null, resolutionDate: resolutionId == null ? null : updated, summary: '',
    description: null, custom: {}, comments: [], history: [],
  };
  if (fields.summary === undefined) problems.push('summary is required');
  for (const [field, value] of Object.entries(fields)) {
    const setter = HANDLED.has(field) ? undefined : setterFor(state, field);
    const error = setter?.(draft, 'set', value, { state, project });
    if (error !== undefined) problems.push(`${field}: ${error}`);
  }
  if (problems.length > 0) throw importError(input.key, problems);
  if (draft.id === '') draft.id = String(Math.max(9999, ...state.issues.map((i) => Number(i.id))) + 1);
  state.register(draft);
  return { id: draft.id, key: draft.key };
}

function importError(key: string, problems: readonly string[]): Error {
  return new Error(`importIssue ${key}: the site cannot hold this issue as given: ${problems.join('; ')}`);
}

function catalogEntry(value: unknown, field: string, problems: string[]): Named | undefined {
  if (isRecord(value) && typeof value.name === 'string' && (value.id === undefined || typeof value.id === 'string')) {
    return { name: value.name, ...(value.id === undefined ? {} : { id: value.id }) };
  }
  problems.push(`${field} must be {id?, name}`);
  return undefined;
}

/** null or absent: the field is empty (the site cannot tell "not on the screen" from empty; both read null). */
function optionalEntry(value: unknown, field: string, problems: string[], resolve: (ref: Named) => string | undefined): string | null | undefined {
  if (value === null || value === undefined) return null;
  const ref = catalogEntry(value, field, problems);
  return ref && resolve(ref);
}

/** By name; a name the site lacks is added under the given id, which must be free. */
function findOrCreate<T extends { id: string; name: string }>(items: Map<string, T>, ref: Named, what: string, problems: string[], make: (id: string) => T): string | undefined {
  const found = [...items.values()].find((item) => item.name === ref.name);
  if (found) return found.id;
  if (ref.id === undefined || items.has(ref.id)) {
    problems.push(`a new ${what} '${ref.name}' needs an id the site does not use (${ref.id ?? 'none given'})`);
    return undefined;
  }
  items.set(ref.id, make(ref.id));
  return ref.id;
}

/** A configured project must already allow the type and status; a project the import made grows to fit. */
function projectFor(state: SiteState, ref: Record<string, unknown>, typeId: string, statusId: string, problems: string[]): Project {
  const key = String(ref.key);
  let project = state.project(key);
  if (!project) {
    const id = typeof ref.id === 'string' && !state.project(ref.id) ? ref.id : undefined;
    if (id === undefined) throw importError(key, [`a new project needs an id the site does not use (${JSON.stringify(ref.id)})`]);
    project = { id, key, name: typeof ref.name === 'string' ? ref.name : key, description: '', projectTypeKey: 'software', lead: '', workflow: IMPORTED_WORKFLOW(key), issueTypes: [] };
    state.addProject(project, { name: project.workflow, initialStatus: BASE_STATUSES[0] ?? '10000', statuses: [], transitions: [] });
  }
  const workflow = state.workflowOf(project);
  if (project.workflow !== IMPORTED_WORKFLOW(key)) {
    if (!project.issueTypes.includes(typeId)) problems.push(`project ${key} has no issue type ${typeId}`);
    if (!workflow.statuses.includes(statusId)) problems.push(`project ${key}'s workflow has no status ${statusId}`);
    return project;
  }
  if (!project.issueTypes.includes(typeId)) project.issueTypes = [...project.issueTypes, typeId];
  const statuses = [...new Set([...BASE_STATUSES, ...workflow.statuses, statusId])];
  const grown: Workflow = { ...workflow, statuses, transitions: statuses.map((to, i) => ({ id: String(11 + i * 10), name: state.statuses.get(to)?.name ?? to, from: 'any', to })) };
  state.setWorkflow(grown);
  return project;
}

/** A person the site lacks is added: a licensed account becomes a member of the project, a portal customer gets no role. */
function personIn(state: SiteState, project: Project, ref: unknown, field: string, problems: string[]): string | null {
  if (ref === null || ref === undefined) return null;
  if (!isRecord(ref) || typeof ref.accountId !== 'string' || ref.accountId === '') {
    problems.push(`${field} must be {accountId, …} or null`);
    return null;
  }
  const accountType = ref.accountType ?? 'atlassian';
  if (accountType !== 'atlassian' && accountType !== 'customer') problems.push(`${field}: accounts of type ${JSON.stringify(accountType)} cannot be imported`);
  const known = state.users.get(ref.accountId);
  const displayName = typeof ref.displayName === 'string' ? ref.displayName : (known?.displayName ?? ref.accountId);
  if (known && (known.displayName !== displayName || (ref.accountType !== undefined && known.accountType !== accountType))) {
    problems.push(`${field}: account ${ref.accountId} is ${known.displayName} (${known.accountType}) here`);
    return ref.accountId;
  }
  const user: User = known ?? {
    accountId: ref.accountId, displayName, emailAddress: '', accountType: accountType === 'customer' ? 'customer' : 'atlassian',
    active: ref.active !== false, timeZone: 'UTC', admin: false, roles: {},
  };
  const member = user.accountType === 'atlassian' && user.roles[project.key] === undefined && user.roles['*'] === undefined;
  state.users.set(user.accountId, member ? { ...user, roles: { ...user.roles, [project.key]: 'member' } } : user);
  return user.accountId;
}

/** Jira's `2026-11-20T10:00:00.000+0100`, or ISO-8601 with an offset. */
function time(value: unknown, field: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)(Z|[+-]\d{2}:?\d{2})$/.exec(value) : null;
  const zone = match?.[2] === undefined || match[2] === 'Z' ? 'Z' : `${match[2].slice(0, 3)}:${match[2].slice(-2)}`;
  const parsed = match?.[1] === undefined ? Number.NaN : Date.parse(`${match[1]}${zone}`);
  if (Number.isNaN(parsed)) problems.push(`${field}: ${JSON.stringify(value)} is not a Jira timestamp`);
  return Number.isNaN(parsed) ? undefined : parsed;
}
