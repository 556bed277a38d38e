/**
 * Forge's Jira product events, shaped as developer.atlassian.com/platform/forge/events-reference/jira documents
 * them: `issue: {id, key, fields}` with the documented fields (REST shapes for issuetype, project and status,
 * `{accountId}` for people), `atlassianId` = who caused the change (the app's own account for its asApp() calls,
 * which is what `filter.ignoreSelf` compares), and for updates the changelog of field, fieldId, from/to strings.
 */
import { adfToText } from './adf.js';
import { jiraTime, type Site } from './context.js';
import type { ChangeItem, Comment, Issue, IssueType, Status } from './model.js';
import { issueTypeJson, projectJson, statusJson } from './representation.js';

export type ProductEvent = Record<string, unknown> & { eventType: string; atlassianId: string };

const person = (accountId: string | null): { accountId: string } | null => (accountId === null ? null : { accountId });

/** The issue as the event reference's `Issue` type lists it. */
export function eventIssue(site: Site, issue: Issue): Record<string, unknown> {
  const { state } = site;
  return {
    id: issue.id,
    key: issue.key,
    fields: {
      summary: issue.summary,
      issuetype: issueTypeJson(site, state.issueTypes.get(issue.issueTypeId) as IssueType),
      creator: person(issue.creator),
      created: jiraTime(issue.created),
      project: projectJson(site, state.projectOf(issue)),
      reporter: person(issue.reporter),
      assignee: person(issue.assignee),
      updated: jiraTime(issue.updated),
      status: statusJson(site, state.statuses.get(issue.statusId) as Status),
    },
  };
}

export function createdEvent(site: Site, issue: Issue, actor: string): ProductEvent {
  return {
    eventType: 'avi:jira:created:issue',
    atlassianId: actor,
    issue: eventIssue(site, issue),
    associatedUsers: { associatedUsers: [{ accountId: issue.creator }] },
  };
}

/** An update, and an assignment when the assignee changed: Jira raises both for one change of assignee. */
export function updateEvents(site: Site, issue: Issue, actor: string, historyId: string, items: readonly ChangeItem[]): ProductEvent[] {
  const changelog = { id: historyId, items: items.map((item) => ({ ...item })) };
  const updated: ProductEvent = { eventType: 'avi:jira:updated:issue', atlassianId: actor, issue: eventIssue(site, issue), changelog };
  const status = items.find((item) => item.fieldId === 'status');
  if (status) {
    updated.associatedStatuses = [
      { id: status.from, name: status.fromString },
      { id: status.to, name: status.toString },
    ];
  }
  const events = [updated];
  if (items.some((item) => item.fieldId === 'assignee')) {
    events.push({
      eventType: 'avi:jira:assigned:issue',
      atlassianId: actor,
      issue: eventIssue(site, issue),
      changelog: { id: historyId, items: items.map((item) => ({ ...item })) },
      associatedUsers: { associatedUsers: issue.assignee === null ? [] : [{ accountId: issue.assignee }] },
    });
  }
  return events;
}

/** The comment's body is its plain text here, as the project's event vectors (test/vectors/vector-schema.ts) read it. */
export function commentedEvent(site: Site, issue: Issue, comment: Comment, actor: string): ProductEvent {
  return {
    eventType: 'avi:jira:commented:issue',
    atlassianId: actor,
    issue: eventIssue(site, issue),
    comment: {
      id: comment.id,
      author: { accountId: comment.author },
      body: adfToText(comment.body),
      updateAuthor: { accountId: comment.author },
      created: jiraTime(comment.created),
      updated: jiraTime(comment.updated),
      jsdPublic: true,
    },
  };
}

export function deletedEvent(site: Site, issue: Issue, actor: string): ProductEvent {
  return { eventType: 'avi:jira:deleted:issue', atlassianId: actor, issue: eventIssue(site, issue) };
}
