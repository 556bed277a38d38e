/**
 * The Jira port on Forge: REST v3 through @forge/api's requestJira, always as the app (asApp), so a rule acts with
 * the app's own permissions and its changes carry the app's account id (which `filter.ignoreSelf` relies on).
 * requestJira reaches only the customer's own site: no egress.
 */
import { asApp, route, type APIResponse } from '@forge/api';
import type { AdfDocument, EntityProperty, IssueComment, IssueEdit, JiraIssue, JiraPort, JiraResult, SearchPage, SearchQuery, Transition } from '../../ports/jira.js';
import { absentOn404, failureOf } from '../../ports/jira.js';

type Route = ReturnType<typeof route>;

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

export function forgeJiraClient(): JiraPort {
  return {
    getIssue: (key, fields) => call(route`/rest/api/3/issue/${key}?fields=${fields.join(',')}`, 'GET', undefined, (body) => body as JiraIssue),
    editIssue: (key, edit: IssueEdit) => call(route`/rest/api/3/issue/${key}`, 'PUT', edit, () => null),
    addComment: (key, body: AdfDocument, properties?: readonly EntityProperty[]) =>
      call(route`/rest/api/3/issue/${key}/comment`, 'POST', properties === undefined ? { body } : { body, properties }, (reply) => ({ id: String((reply as { id?: unknown }).id) })),
    listComments: (key, options = {}) =>
      call(route`/rest/api/3/issue/${key}/comment?orderBy=-created&maxResults=${String(options.maxResults ?? 50)}`, 'GET', undefined, (reply) => commentsOf(reply)),
    getCommentProperty: async (commentId, propertyKey) =>
      absentOn404(await call(route`/rest/api/3/comment/${commentId}/properties/${propertyKey}`, 'GET', undefined, (reply) => propertyOf(reply))),
    getTransitions: (key) =>
      call(route`/rest/api/3/issue/${key}/transitions`, 'GET', undefined, (reply) => transitionsOf(reply)),
    transitionIssue: (key, transitionId) => call(route`/rest/api/3/issue/${key}/transitions`, 'POST', { transition: { id: transitionId } }, () => null),
    assignIssue: (key, accountId) => call(route`/rest/api/3/issue/${key}/assignee`, 'PUT', { accountId }, () => null),
    searchJql: (query: SearchQuery) =>
      call(route`/rest/api/3/search/jql`, 'POST', searchBody(query), (reply) => pageOf(reply)),
    countIssues: (jql) => call(route`/rest/api/3/search/approximate-count`, 'POST', { jql }, (reply) => countOf(reply)),
  };
}

async function call<T>(path: Route, method: string, body: unknown, read: (reply: unknown) => T): Promise<JiraResult<T>> {
  let response: APIResponse;
  try {
    response = await asApp().requestJira(path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : JSON_HEADERS,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    return { ok: false, failure: { status: 0, retryable: true, message: `Jira did not answer: ${error instanceof Error ? error.message : String(error)}`, errors: {} } };
  }
  const text = await response.text();
  if (response.ok) {
    let reply: unknown;
    try {
      reply = text === '' ? null : JSON.parse(text);
    } catch {
      return { ok: false, failure: { status: response.status, retryable: false, message: 'Jira answered with a body that is not JSON', errors: {} } };
    }
    try {
      return { ok: true, value: read(reply) };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, failure: { status: response.status, retryable: false, message: `Jira answered with an unexpected body: ${why}`, errors: {} } };
    }
  }
  return { ok: false, failure: failureOf(response.status, response.headers.get('retry-after'), text) };
}

function propertyOf(reply: unknown): EntityProperty {
  const key = (reply as { key?: unknown } | null)?.key;
  if (typeof key !== 'string') throw new Error('no property key in the reply');
  return { key, value: (reply as { value?: unknown }).value ?? null };
}

function searchBody(query: SearchQuery): Record<string, unknown> {
  return {
    jql: query.jql,
    fields: [...query.fields],
    ...(query.maxResults === undefined ? {} : { maxResults: query.maxResults }),
    ...(query.nextPageToken === undefined ? {} : { nextPageToken: query.nextPageToken }),
  };
}

function pageOf(reply: unknown): SearchPage {
  const body = reply as { issues?: unknown; nextPageToken?: unknown };
  const issues = Array.isArray(body.issues) ? (body.issues as JiraIssue[]) : [];
  return typeof body.nextPageToken === 'string' ? { issues, nextPageToken: body.nextPageToken } : { issues };
}

/** A 200 without a usable count is Jira misbehaving, not zero: the caller gets a failure, not a wrong denominator. */
function countOf(reply: unknown): number {
  const count = (reply as { count?: unknown } | null)?.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new Error('no count in the reply');
  return count;
}

function transitionsOf(reply: unknown): Transition[] {
  const list = (reply as { transitions?: unknown }).transitions;
  if (!Array.isArray(list)) return [];
  return list.map((t: { id?: unknown; name?: unknown; to?: { id?: unknown; name?: unknown } }) => ({
    id: String(t.id),
    name: String(t.name),
    to: { id: String(t.to?.id), name: String(t.to?.name) },
  }));
}

function commentsOf(reply: unknown): IssueComment[] {
  const list = (reply as { comments?: unknown }).comments;
  if (!Array.isArray(list)) return [];
  return list.map((c: { id?: unknown; author?: { accountId?: unknown }; body?: unknown; created?: unknown }) => ({
    id: String(c.id),
    authorAccountId: typeof c.author?.accountId === 'string' ? c.author.accountId : null,
    body: c.body ?? null,
    created: String(c.created),
  }));
}
