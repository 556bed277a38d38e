/** What POST /issue needs before the edit machinery runs: the project and type named, and a fresh draft. */
import { DEFAULT_PRIORITY } from './catalog.js';
import { idText, isRecord, type Site } from './context.js';
import type { Issue, IssueType, Project, User } from './model.js';
import { canBrowse } from './permissions.js';
import type { SiteState } from './state.js';

export type CreateTarget = { project?: Project; issueType?: IssueType; errors: Record<string, string> };

/** `fields.project` by id or key and `fields.issuetype` by id or name, checked as Jira checks them. */
export function resolveCreateTarget(state: SiteState, actor: User, fields: Record<string, unknown>): CreateTarget {
  const errors: Record<string, string> = {};
  const projectRef = isRecord(fields.project) ? fields.project : {};
  const projectKey = projectRef.id ?? projectRef.key;
  const project = typeof projectKey === 'string' || typeof projectKey === 'number' ? state.project(String(projectKey)) : undefined;
  // A project the user cannot browse does not exist for them.
  const visible = project && canBrowse(actor, project) ? project : undefined;
  if (!visible) errors.project = 'Specify a valid project ID or key';

  const typeRef = isRecord(fields.issuetype) ? fields.issuetype : undefined;
  let issueType: IssueType | undefined;
  if (!typeRef || (typeRef.id === undefined && typeRef.name === undefined)) {
    errors.issuetype = 'Specify an issue type';
  } else if (visible) {
    issueType = visible.issueTypes
      .map((id) => state.issueTypes.get(id))
      .find((type) => type !== undefined && (typeRef.id !== undefined ? type.id === idText(typeRef.id) : type.name === typeRef.name));
    if (!issueType) errors.issuetype = 'The issue type selected is invalid.';
  }
  return { ...(visible ? { project: visible } : {}), ...(issueType ? { issueType } : {}), errors };
}

export function createIssueDraft(site: Site, actor: User, project: Project, issueType: IssueType): Issue {
  const now = site.clock.now();
  return {
    id: '',
    key: '',
    projectId: project.id,
    issueTypeId: issueType.id,
    statusId: site.state.workflowOf(project).initialStatus,
    priorityId: DEFAULT_PRIORITY,
    assignee: null,
    reporter: actor.accountId,
    creator: actor.accountId,
    labels: [],
    created: now,
    updated: now,
    statusCategoryChanged: now,
    duedate: null,
    resolutionId: null,
    resolutionDate: null,
    summary: '',
    description: null,
    custom: {},
    comments: [],
    history: [],
  };
}
