/** GET /project/search, /field, /myself and /mypermissions. */
import { jsonResponse, type WireResponse } from '../../runtime/wire.js';
import { visibleIssue, type RequestContext } from './context.js';
import { fail, MESSAGES } from './errors.js';
import type { Project } from './model.js';
import { intParam } from './paging.js';
import { canBrowse, hasGlobalPermission, hasProjectPermission, PERMISSIONS } from './permissions.js';
import { issueTypeJson, projectJson, userJson } from './representation.js';

const PROJECT_EXPAND = 'description,lead,issueTypes,url,projectKeys,permissions,insight';
/** What each `action` of /project/search asks of the user (OpenAPI: view, browse, edit, create). */
const ACTIONS: Readonly<Record<string, string>> = { view: 'BROWSE_PROJECTS', browse: 'BROWSE_PROJECTS', edit: 'ADMINISTER_PROJECTS', create: 'CREATE_ISSUES' };

export function searchProjects(request: RequestContext): WireResponse {
  const { query, site, actor } = request;
  const startAt = intParam(query, 'startAt', 0, 0);
  const maxResults = Math.min(intParam(query, 'maxResults', 50, 1), 100);
  const action = query.get('action') ?? 'view';
  const permission = ACTIONS[action];
  if (permission === undefined) fail(400, [`The action '${action}' is not one of view, browse, edit, create.`]);
  const orderBy = query.get('orderBy') ?? 'key';
  const order = /^([+-]?)(key|name)$/.exec(orderBy);
  if (!order) fail(400, [`Ordering projects by '${orderBy}' is not supported by this simulated Jira site; use key or name.`]);
  const text = (query.get('query') ?? '').toLowerCase();
  const keys = new Set(query.getAll('keys').flatMap((k) => k.split(',')).filter(Boolean));
  const ids = new Set(query.getAll('id').flatMap((k) => k.split(',')).filter(Boolean));
  const typeKey = query.get('typeKey');
  const matching = site.state.projects
    .filter((p) => hasProjectPermission(actor, p, permission))
    .filter((p) => text === '' || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
    .filter((p) => (keys.size === 0 || keys.has(p.key)) && (ids.size === 0 || ids.has(p.id)) && (typeKey === null || p.projectTypeKey === typeKey))
    .sort((a, b) => (order[1] === '-' ? -1 : 1) * (order[2] === 'name' ? a.name : a.key).localeCompare(order[2] === 'name' ? b.name : b.key));
  const expand = new Set((query.get('expand') ?? '').split(',').map((part) => part.trim()));
  const values = matching.slice(startAt, startAt + maxResults).map((p) => projectDetails(request, p, expand));
  const isLast = startAt + maxResults >= matching.length;
  const self = `${site.baseUrl}/rest/api/3/project/search?startAt=${String(startAt)}&maxResults=${String(maxResults)}`;
  return jsonResponse(200, {
    self,
    ...(isLast ? {} : { nextPage: `${site.baseUrl}/rest/api/3/project/search?startAt=${String(startAt + maxResults)}&maxResults=${String(maxResults)}` }),
    maxResults,
    startAt,
    total: matching.length,
    isLast,
    values,
  });
}

function projectDetails(request: RequestContext, project: Project, expand: ReadonlySet<string>): Record<string, unknown> {
  const { site } = request;
  const details: Record<string, unknown> = { expand: PROJECT_EXPAND, ...projectJson(site, project), style: 'classic', isPrivate: false, properties: {} };
  if (expand.has('description')) details.description = project.description;
  const lead = site.state.users.get(project.lead);
  if (expand.has('lead') && lead) details.lead = userJson(site, lead);
  if (expand.has('issueTypes')) details.issueTypes = project.issueTypes.flatMap((id) => { const t = site.state.issueTypes.get(id); return t ? [issueTypeJson(site, t)] : []; });
  if (expand.has('insight')) {
    const issues = site.state.issues.filter((issue) => issue.projectId === project.id);
    const last = issues.reduce((max, issue) => Math.max(max, issue.updated), 0);
    details.insight = { totalIssueCount: issues.length, ...(last > 0 ? { lastIssueUpdateTime: new Date(last).toISOString() } : {}) };
  }
  return details;
}

export function getFields(request: RequestContext): WireResponse {
  return jsonResponse(200, request.site.state.fields.map((field) => ({
    id: field.id,
    key: field.id,
    name: field.name,
    custom: field.custom,
    orderable: field.orderable,
    navigable: field.navigable,
    searchable: field.searchable,
    clauseNames: field.clauseNames,
    ...(field.schema ? { schema: field.schema } : {}),
  })));
}

export function getMyself(request: RequestContext): WireResponse {
  const { actor, site } = request;
  return jsonResponse(200, {
    ...userJson(site, actor),
    ...(actor.emailAddress === '' ? {} : { emailAddress: actor.emailAddress }),
    locale: 'en_US',
    groups: { size: actor.admin ? 2 : 1, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  });
}

export function getMyPermissions(request: RequestContext): WireResponse {
  const { query, actor, site } = request;
  const keys = (query.get('permissions') ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (keys.length === 0) fail(400, [MESSAGES.permissionsRequired]);
  const unknown = keys.filter((key) => PERMISSIONS[key] === undefined);
  if (unknown.length > 0) fail(400, [`Invalid permission keys: ${unknown.join(', ')}.`]);
  const scope = contextProject(request);
  const projects = scope ? [scope] : site.state.projects;
  const permissions = Object.fromEntries(keys.map((key) => {
    const info = PERMISSIONS[key] as (typeof PERMISSIONS)[string];
    const have = info.type === 'GLOBAL' ? hasGlobalPermission(actor, key) : projects.some((p) => hasProjectPermission(actor, p, key));
    return [key, { id: info.id, key, name: info.name, type: info.type, description: info.description, havePermission: have }];
  }));
  return jsonResponse(200, { permissions });
}

/** The project named by projectKey/projectId or by the issue in issueKey/issueId; 404 as Jira when not visible. */
function contextProject(request: RequestContext): Project | undefined {
  const { query, site, actor } = request;
  const issueRef = query.get('issueKey') ?? query.get('issueId');
  if (issueRef !== null) return site.state.projectOf(visibleIssue({ ...request, params: { issueIdOrKey: issueRef } }));
  const projectRef = query.get('projectKey') ?? query.get('projectId');
  if (projectRef === null) return undefined;
  const project = site.state.project(projectRef);
  if (!project || !canBrowse(actor, project)) {
    fail(404, [`No project could be found with ${query.has('projectKey') ? 'key' : 'id'} '${projectRef}'.`]);
  }
  return project;
}
