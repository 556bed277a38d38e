// The Jira port as the app, straight onto the simulated site's request handler (src/local/jira/site): the same
// REST v3 calls as the Forge adapter (src/adapters/forge/jira-client.ts) makes through requestJira, without the
// local runtime's HTTP emulation in between, so the bench counts the app's Jira calls and little else.
import type { JiraSite } from '../../src/local/jira/site/index.js';
import type { Caller } from '../../src/local/runtime/wire.js';
import { absentOn404, failureOf, type EntityProperty, type IssueComment, type JiraIssue, type JiraPort, type JiraResult, type SearchPage, type Transition } from '../../src/ports/jira.js';

export type JiraTally = { calls: number; byCall: Map<string, number>; emulatorMs: number };
const emptyTally = (): JiraTally => ({ calls: 0, byCall: new Map(), emulatorMs: 0 });

const CALLER: Caller = {
  appId: 'bench', environmentId: 'bench', appVersion: '1.0.0', installationId: 'bench', functionKey: 'jira-event', invocationId: 'bench',
};

export function siteJiraPort(site: JiraSite): { jira: JiraPort; take(): JiraTally } {
  let tally = emptyTally();
  async function call<T>(method: string, path: string, body: unknown, read: (reply: unknown) => T): Promise<JiraResult<T>> {
    tally.calls += 1;
    const name = `${method} ${path.replace(/\/issue\/[^/?]+/, '/issue/{key}').replace(/\/comment\/\d+\//, '/comment/{id}/').replace(/\?.*/, '')}`;
    tally.byCall.set(name, (tally.byCall.get(name) ?? 0) + 1);
    const headers: Record<string, string> = { accept: 'application/json', 'x-forge-provider': 'app' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // The site does its work synchronously inside handle(); that time is Jira's, not the app's.
    const start = performance.now();
    const pending = site.handle({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) }, CALLER);
    tally.emulatorMs += performance.now() - start;
    const response = await pending;
    const text = response.body ?? '';
    if (response.status >= 200 && response.status < 300) return { ok: true, value: read(text === '' ? null : JSON.parse(text)) };
    return { ok: false, failure: failureOf(response.status, response.headers?.['retry-after'] ?? null, text) };
  }
  const issue = (key: string): string => `/rest/api/3/issue/${encodeURIComponent(key)}`;
  const jira: JiraPort = {
    getIssue: (key, fields) => call('GET', `${issue(key)}?fields=${fields.map(encodeURIComponent).join(',')}`, undefined, (r) => r as JiraIssue),
    editIssue: (key, edit) => call('PUT', issue(key), edit, () => null),
    addComment: (key, body, properties) =>
      call('POST', `${issue(key)}/comment`, properties === undefined ? { body } : { body, properties }, (r) => ({ id: String((r as { id?: unknown }).id) })),
    listComments: (key, options = {}) =>
      call('GET', `${issue(key)}/comment?orderBy=-created&maxResults=${String(options.maxResults ?? 50)}`, undefined, (r) => {
        const comments = (r as { comments?: { id: string; author?: { accountId?: string }; body: unknown; created: string }[] }).comments ?? [];
        return comments.map((c): IssueComment => ({ id: c.id, authorAccountId: c.author?.accountId ?? null, body: c.body, created: c.created }));
      }),
    getCommentProperty: async (id, key) =>
      absentOn404(await call('GET', `/rest/api/3/comment/${encodeURIComponent(id)}/properties/${encodeURIComponent(key)}`, undefined, (r) => r as EntityProperty)),
    getTransitions: (key) => call('GET', `${issue(key)}/transitions`, undefined, (r) => (r as { transitions?: Transition[] }).transitions ?? []),
    transitionIssue: (key, id) => call('POST', `${issue(key)}/transitions`, { transition: { id } }, () => null),
    assignIssue: (key, accountId) => call('PUT', `${issue(key)}/assignee`, { accountId }, () => null),
    searchJql: (query) =>
      call('POST', '/rest/api/3/search/jql', { jql: query.jql, fields: [...query.fields], maxResults: query.maxResults ?? 100, ...(query.nextPageToken === undefined ? {} : { nextPageToken: query.nextPageToken }) }, (r) => r as SearchPage),
    countIssues: (jql) => call('POST', '/rest/api/3/search/approximate-count', { jql }, (r) => (r as { count: number }).count),
  };
  return {
    jira,
    take() {
      const taken = tally;
      tally = emptyTally();
      return taken;
    },
  };
}
