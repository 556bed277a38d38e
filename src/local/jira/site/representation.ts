/**
 * Issues and their parts as Jira's REST v3 renders them: users as {accountId, displayName, active, accountType…},
 * statuses with their statusCategory object, select options with `self`, ADF for description and comments, times as
 * `2026-03-02T09:00:00.000+0000`, and every requested field present (null when empty), as Jira sends it.
 */
import { STATUS_CATEGORIES } from './catalog.js';
import { jiraTime, type Site } from './context.js';
import type { Comment, Issue, IssueType, Priority, Project, Resolution, Status, User } from './model.js';

/** What Jira puts in an issue's `expand` attribute. */
export const ISSUE_EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

export function userJson(site: Site, user: User): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    avatarUrls: avatarUrls(`${site.baseUrl}/avatars/user/${encodeURIComponent(user.accountId)}`),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    accountType: user.accountType,
  };
}

/** A user field value; an account the site no longer knows renders as Jira renders a deleted one. */
export function userRef(site: Site, accountId: string | null): Record<string, unknown> | null {
  if (accountId === null) return null;
  const user = site.state.users.get(accountId);
  if (user) return userJson(site, user);
  return { accountId, displayName: 'Former user', active: false, accountType: 'unknown' };
}

export function projectJson(site: Site, project: Project): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    avatarUrls: avatarUrls(`${site.baseUrl}/avatars/project/${project.id}`),
  };
}

export function statusJson(site: Site, status: Status): Record<string, unknown> {
  const category = STATUS_CATEGORIES[status.category];
  return {
    self: `${site.baseUrl}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${site.baseUrl}/rest/api/3/statuscategory/${String(category.id)}`,
      id: category.id,
      key: category.key,
      colorName: category.colorName,
      name: category.name,
    },
  };
}

export function issueTypeJson(site: Site, type: IssueType): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${site.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${String(type.avatarId)}?size=medium`,
    name: type.name,
    subtask: false,
    avatarId: type.avatarId,
    hierarchyLevel: 0,
  };
}

export function priorityJson(site: Site, priority: Priority): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/priority/${priority.id}`,
    iconUrl: `${site.baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
    name: priority.name,
    id: priority.id,
  };
}

export function resolutionJson(site: Site, resolution: Resolution): Record<string, unknown> {
  return { self: `${site.baseUrl}/rest/api/3/resolution/${resolution.id}`, id: resolution.id, description: resolution.description, name: resolution.name };
}

export function commentJson(site: Site, issue: Issue, comment: Comment): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    author: userRef(site, comment.author),
    body: structuredClone(comment.body),
    updateAuthor: userRef(site, comment.author),
    created: jiraTime(comment.created),
    updated: jiraTime(comment.updated),
    jsdPublic: true,
  };
}

/** One field's value as it appears under `fields`. */
export function fieldValue(site: Site, issue: Issue, fieldId: string): unknown {
  const { state } = site;
  switch (fieldId) {
    case 'summary': return issue.summary;
    case 'description': return issue.description === null ? null : structuredClone(issue.description);
    case 'issuetype': return issueTypeJson(site, state.issueTypes.get(issue.issueTypeId) as IssueType);
    case 'project': return projectJson(site, state.projectOf(issue));
    case 'status': return statusJson(site, state.statuses.get(issue.statusId) as Status);
    case 'priority': return issue.priorityId === null ? null : priorityJson(site, state.priorities.get(issue.priorityId) as Priority);
    case 'assignee': return userRef(site, issue.assignee);
    case 'reporter': return userRef(site, issue.reporter);
    case 'creator': return userRef(site, issue.creator);
    case 'labels': return [...issue.labels];
    case 'duedate': return issue.duedate;
    case 'resolution': return issue.resolutionId === null ? null : resolutionJson(site, state.resolutions.get(issue.resolutionId) as Resolution);
    case 'resolutiondate': return issue.resolutionDate === null ? null : jiraTime(issue.resolutionDate);
    case 'created': return jiraTime(issue.created);
    case 'updated': return jiraTime(issue.updated);
    case 'statuscategorychangedate': return jiraTime(issue.statusCategoryChanged);
    case 'comment': {
      const comments = issue.comments.map((comment) => commentJson(site, issue, comment));
      return { comments, self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/comment`, maxResults: comments.length, total: comments.length, startAt: 0 };
    }
    default: return customValue(site, issue, fieldId);
  }
}

function customValue(site: Site, issue: Issue, fieldId: string): unknown {
  const value = issue.custom[fieldId];
  if (value === undefined) return null;
  if (typeof value === 'object') return { self: `${site.baseUrl}/rest/api/3/customFieldOption/${value.id}`, value: value.value, id: value.id };
  return value;
}

export function issueJson(site: Site, issue: Issue, fields: readonly string[], names = false): Record<string, unknown> {
  const json: Record<string, unknown> = {
    expand: ISSUE_EXPAND,
    id: issue.id,
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: Object.fromEntries(fields.map((id) => [id, fieldValue(site, issue, id)])),
  };
  if (names) json.names = Object.fromEntries(fields.map((id) => [id, fieldName(site, id)]));
  return json;
}

function fieldName(site: Site, id: string): string {
  return site.state.fields.find((field) => field.id === id)?.name ?? id;
}

function avatarUrls(base: string): Record<string, string> {
  return { '48x48': `${base}/48`, '24x24': `${base}/24`, '16x16': `${base}/16`, '32x32': `${base}/32` };
}
