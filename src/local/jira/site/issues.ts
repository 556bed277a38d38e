/** GET, PUT, POST and DELETE /rest/api/3/issue, and PUT …/assignee. */
import { jsonResponse, type WireResponse } from '../../runtime/wire.js';
import { snapshot } from './changelog.js';
import { commitChange } from './commit.js';
import { isRecord, jsonBody, objectBody, visibleIssue, type RequestContext } from './context.js';
import { applyEdit } from './edit.js';
import { fail, failFields, JiraError, MESSAGES } from './errors.js';
import { createdEvent, deletedEvent } from './events.js';
import { selectFields } from './fields.js';
import type { Issue } from './model.js';
import { hasProjectPermission } from './permissions.js';
import { issueJson } from './representation.js';
import { canBeAssigned } from './values.js';
import { createIssueDraft, resolveCreateTarget } from './create.js';

export function getIssue(request: RequestContext): WireResponse {
  const issue = visibleIssue(request);
  return jsonResponse(200, render(request, issue));
}

function render(request: RequestContext, issue: Issue): Record<string, unknown> {
  const selection = selectFields(request.query.getAll('fields'), '*all', request.site.state.fields);
  const fields = selection.idsOnly ? [] : selection.fields;
  const names = (request.query.get('expand') ?? '').split(',').some((part) => part.trim() === 'names');
  return issueJson(request.site, issue, fields, names);
}

export function editIssue(request: RequestContext): WireResponse {
  const issue = visibleIssue(request);
  const project = request.site.state.projectOf(issue);
  if (!hasProjectPermission(request.actor, project, 'EDIT_ISSUES')) fail(403, [MESSAGES.noEditPermission]);
  const body = objectBody(request);
  const draft = snapshot(issue);
  const touched = applyEdit(draft, body, { state: request.site.state, actor: request.actor, project });
  commitChange(request.site, issue, draft, touched, request.actor);
  // notifyUsers, overrideScreenSecurity and overrideEditableFlag change nothing here: the site sends no mail.
  if (request.query.get('returnIssue') === 'true') return jsonResponse(200, render(request, issue));
  return { status: 204 };
}

export function createIssue(request: RequestContext): WireResponse {
  const { site, actor } = request;
  const body = objectBody(request);
  const fields = isRecord(body.fields) ? body.fields : {};
  const target = resolveCreateTarget(site.state, actor, fields);
  if (target.project && !hasProjectPermission(actor, target.project, 'CREATE_ISSUES')) fail(403, [MESSAGES.noCreatePermission]);
  const errors = { ...target.errors };
  let draft: Issue | undefined;
  if (target.project && target.issueType) {
    draft = createIssueDraft(site, actor, target.project, target.issueType);
    try {
      applyEdit(draft, body, { state: site.state, actor, project: target.project, skip: new Set(['project', 'issuetype']) });
    } catch (error) {
      if (!(error instanceof JiraError)) throw error;
      if (error.body.errorMessages.length > 0) throw error;
      Object.assign(errors, error.body.errors);
    }
    if (draft.summary.trim() === '' && errors.summary === undefined) errors.summary = MESSAGES.summaryRequired;
  } else if (typeof fields.summary !== 'string' || fields.summary.trim() === '') {
    errors.summary = MESSAGES.summaryRequired;
  }
  if (Object.keys(errors).length > 0 || !draft || !target.project) failFields(errors);
  const built = draft;
  const issue = site.state.add(target.project.id, ({ id, key }) => ({ ...built, id, key }));
  site.emit(createdEvent(site, issue, actor.accountId));
  return jsonResponse(201, { id: issue.id, key: issue.key, self: `${site.baseUrl}/rest/api/3/issue/${issue.id}` });
}

export function deleteIssue(request: RequestContext): WireResponse {
  const issue = visibleIssue(request);
  if (!hasProjectPermission(request.actor, request.site.state.projectOf(issue), 'DELETE_ISSUES')) fail(403, [MESSAGES.noDeletePermission]);
  request.site.state.remove(issue);
  request.site.emit(deletedEvent(request.site, issue, request.actor.accountId));
  return { status: 204 };
}

/** PUT …/assignee: `{accountId}` assigns, `{accountId: null}` (or a null body) unassigns, `"-1"` picks the default. */
export function assignIssue(request: RequestContext): WireResponse {
  const issue = visibleIssue(request);
  const project = request.site.state.projectOf(issue);
  if (!hasProjectPermission(request.actor, project, 'ASSIGN_ISSUES')) fail(403, [MESSAGES.noAssignPermission]);
  const body = jsonBody(request);
  if (body !== null && !isRecord(body)) fail(400, ['The request body must be a user: {"accountId": "…"}.']);
  const accountId = body === null ? null : body.accountId;
  if (accountId === undefined) fail(400, ["'accountId' must be provided; null unassigns the issue."]);
  if (accountId !== null && typeof accountId !== 'string') fail(400, ["'accountId' must be a string or null."]);
  const draft = snapshot(issue);
  if (accountId === null || accountId === '-1') draft.assignee = null;
  else if (canBeAssigned(request.site.state, project, accountId)) draft.assignee = accountId;
  else failFields({ assignee: MESSAGES.cannotAssign(accountId) });
  commitChange(request.site, issue, draft, ['assignee'], request.actor);
  return { status: 204 };
}
