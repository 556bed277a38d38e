import { describe, expect, it } from 'vitest';
import { BEN, EMMA, FINN, harness, type IssueJson } from './harness.js';

type Page = { issues: (IssueJson | { id: string })[]; nextPageToken?: string; isLast: boolean; names?: Record<string, string> };
const h = harness();
const q = (jql: string) => encodeURIComponent(jql);

async function all(jql: string, options: { as?: string; maxResults?: number; fields?: string } = {}): Promise<{ pages: Page[]; ids: string[] }> {
  const pages: Page[] = [];
  let token: string | undefined;
  do {
    const params = [`jql=${q(jql)}`, `maxResults=${String(options.maxResults ?? 50)}`, ...(options.fields ? [`fields=${options.fields}`] : []), ...(token ? [`nextPageToken=${token}`] : [])];
    const reply = await h.call('GET', `/rest/api/3/search/jql?${params.join('&')}`, { as: options.as ?? 'app' });
    expect(reply.status).toBe(200);
    const page = reply.body as Page;
    pages.push(page);
    token = page.nextPageToken;
  } while (token !== undefined);
  return { pages, ids: pages.flatMap((page) => page.issues.map((issue) => issue.id)) };
}

describe('search/jql', () => {
  it('pages with nextPageToken until isLast, every issue once, the last page without a token', async () => {
    const { pages, ids } = await all('project = RF', { maxResults: 40 });
    expect(pages.map((page) => [page.issues.length, page.isLast, page.nextPageToken === undefined])).toEqual([
      [40, false, false], [40, false, false], [10, true, true],
    ]);
    expect(new Set(ids).size).toBe(90);
  });

  it('defaults to 50 per page and to ids only', async () => {
    const page = (await h.call('GET', `/rest/api/3/search/jql?jql=${q('project = RF')}`)).body as Page;
    expect(page.issues).toHaveLength(50);
    expect(page.issues[0]).toEqual({ id: expect.stringMatching(/^\d+$/) as unknown });
  });

  it('caps a page at 5000 ids, or at 100 issues when fields are asked for', async () => {
    const ids = (await h.call('GET', `/rest/api/3/search/jql?jql=${q('project in (RF, OPS, MKT)')}&maxResults=10000`)).body as Page;
    expect(ids.issues).toHaveLength(200);
    const withFields = (await h.call('GET', `/rest/api/3/search/jql?jql=${q('project in (RF, OPS, MKT)')}&maxResults=10000&fields=summary`)).body as Page;
    expect(withFields.issues).toHaveLength(100);
    expect(withFields.isLast).toBe(false);
  });

  it('returns only the requested fields, and names them with expand=names', async () => {
    const page = (await h.call('GET', `/rest/api/3/search/jql?jql=${q('key = RF-1')}&fields=summary,status&expand=names`)).body as Page;
    const [issue] = page.issues as IssueJson[];
    expect(Object.keys(issue?.fields ?? {}).sort()).toEqual(['status', 'summary']);
    expect(issue).toMatchObject({ id: '10000', key: 'RF-1' });
    expect(page.names).toEqual({ summary: 'Summary', status: 'Status' });
  });

  it('follows the query’s order and filters as JQL says', async () => {
    const page = (await h.call('GET', `/rest/api/3/search/jql?jql=${q('project = OPS AND statusCategory != Done ORDER BY created ASC')}&fields=created,status&maxResults=100`)).body as Page;
    const issues = page.issues as IssueJson[];
    expect(issues.length).toBeGreaterThan(0);
    const created = issues.map((issue) => issue.fields.created as string);
    expect([...created].sort()).toEqual(created);
    expect(issues.every((issue) => (issue.fields.status as { statusCategory: { key: string } }).statusCategory.key !== 'done')).toBe(true);
  });

  it('finds what the app’s own writes changed', async () => {
    const site = harness();
    await site.call('PUT', '/rest/api/3/issue/RF-3', { body: { update: { labels: [{ add: 'found-me' }] } } });
    const page = (await site.call('POST', '/rest/api/3/search/jql', { body: { jql: 'labels = found-me', fields: ['labels'] } })).body as Page;
    expect(page.issues.map((issue) => (issue as IssueJson).key)).toEqual(['RF-3']);
  });

  it('answers POST like GET', async () => {
    const get = (await h.call('GET', `/rest/api/3/search/jql?jql=${q('project = MKT ORDER BY key ASC')}&maxResults=5&fields=summary`)).body as Page;
    const post = (await h.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project = MKT ORDER BY key ASC', maxResults: 5, fields: ['summary'] } })).body as Page;
    expect(post.issues).toEqual(get.issues);
    const next = (await h.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project = MKT ORDER BY key ASC', maxResults: 5, fields: ['summary'], nextPageToken: post.nextPageToken } })).body as Page;
    expect((next.issues[0] as IssueJson).key).toBe('MKT-6');
  });

  it('shows a user only the projects they may browse', async () => {
    expect((await all('project = RF OR labels is EMPTY', { as: FINN, maxResults: 100 })).ids).toHaveLength(90);
    expect((await all('assignee = currentUser() OR reporter = currentUser() OR project = MKT', { as: EMMA, maxResults: 100 })).ids).toHaveLength(40);
    // A project the user cannot see is, to JQL, a value that does not exist.
    expect(await h.call('GET', `/rest/api/3/search/jql?jql=${q('project = OPS')}`, { as: FINN })).toMatchObject({
      status: 400, body: { errorMessages: ["The value 'OPS' does not exist for the field 'project'."], errors: {} },
    });
  });

  it('reads currentUser() as the caller', async () => {
    const mine = await all('assignee = currentUser()', { as: BEN, fields: 'assignee', maxResults: 100 });
    const issues = mine.pages.flatMap((page) => page.issues as IssueJson[]);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => (issue.fields.assignee as { accountId: string }).accountId === BEN)).toBe(true);
  });

  it.each([
    ['no jql', '', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
    ['ORDER BY only', 'ORDER BY created', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
    ['a syntax error', 'project = ', 'Error in the JQL Query: Expecting either a value, list or function before the end of the query.'],
    ['an unknown field', 'nosuchfield = 1', "Field 'nosuchfield' does not exist or you do not have permission to view it."],
  ])('answers 400 with Jira’s error body for %s', async (_name, jql, message) => {
    expect(await h.call('GET', `/rest/api/3/search/jql?jql=${q(jql)}`)).toMatchObject({ status: 400, body: { errorMessages: [message], errors: {} } });
  });

  it('refuses more than seven ORDER BY fields, a token from another query, and a bad maxResults', async () => {
    const eight = 'project = RF ORDER BY key, created, updated, priority, status, summary, duedate, assignee';
    expect((await h.call('GET', `/rest/api/3/search/jql?jql=${q(eight)}`)).status).toBe(400);
    const first = (await h.call('GET', `/rest/api/3/search/jql?jql=${q('project = RF')}&maxResults=1`)).body as Page;
    expect((await h.call('GET', `/rest/api/3/search/jql?jql=${q('project = OPS')}&nextPageToken=${first.nextPageToken ?? ''}`)).status).toBe(400);
    expect((await h.call('GET', `/rest/api/3/search/jql?jql=${q('project = RF')}&nextPageToken=garbage`)).status).toBe(400);
    expect((await h.call('GET', `/rest/api/3/search/jql?jql=${q('project = RF')}&maxResults=ten`)).status).toBe(400);
    expect((await h.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project = RF', maxResults: '10' } })).status).toBe(400);
  });
});

describe('search/approximate-count', () => {
  const count = (jql: unknown, as = 'app') => h.call('POST', '/rest/api/3/search/approximate-count', { as, body: { jql } });

  it('counts what paging the same query returns', async () => {
    for (const jql of ['project = RF', 'project = OPS AND statusCategory != Done ORDER BY created ASC', 'project in (RF, OPS, MKT)']) {
      const { ids } = await all(jql, { maxResults: 100 });
      expect(ids.length).toBeGreaterThan(0);
      expect(await count(jql)).toEqual({ status: 200, body: { count: ids.length }, headers: expect.any(Object) as unknown });
    }
  });

  it('answers 0 for a bounded query that finds nothing', async () => {
    expect((await count('project = RF AND labels = no-such-label')).body).toEqual({ count: 0 });
  });

  it('counts only the issues the caller may browse, and reads currentUser() as the caller', async () => {
    expect((await count('project = RF OR labels is EMPTY', FINN)).body).toEqual({ count: 90 });
    const mine = await all('assignee = currentUser()', { as: BEN, maxResults: 100 });
    expect(mine.ids.length).toBeGreaterThan(0);
    expect((await count('assignee = currentUser()', BEN)).body).toEqual({ count: mine.ids.length });
    expect(await count('project = OPS', FINN)).toMatchObject({
      status: 400, body: { errorMessages: ["The value 'OPS' does not exist for the field 'project'."], errors: {} },
    });
  });

  it('sees the site’s own writes at once (Jira’s count may lag them)', async () => {
    const site = harness();
    const before = (await site.call('POST', '/rest/api/3/search/approximate-count', { body: { jql: 'labels = counted' } })).body;
    await site.call('PUT', '/rest/api/3/issue/RF-3', { body: { update: { labels: [{ add: 'counted' }] } } });
    const after = (await site.call('POST', '/rest/api/3/search/approximate-count', { body: { jql: 'labels = counted' } })).body;
    expect([before, after]).toEqual([{ count: 0 }, { count: 1 }]);
  });

  it.each([
    ['no jql', undefined, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
    ['ORDER BY only', 'ORDER BY created', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
    ['a syntax error', 'project = ', 'Error in the JQL Query: Expecting either a value, list or function before the end of the query.'],
    ['an unknown field', 'nosuchfield = 1', "Field 'nosuchfield' does not exist or you do not have permission to view it."],
  ])('answers 400 with Jira’s error body for %s', async (_name, jql, message) => {
    const body = jql === undefined ? {} : { jql };
    expect(await h.call('POST', '/rest/api/3/search/approximate-count', { body })).toMatchObject({ status: 400, body: { errorMessages: [message], errors: {} } });
  });

  it('refuses a body that is not a JSON object with a string jql, and any method but POST', async () => {
    expect((await count(5)).status).toBe(400);
    expect((await h.call('POST', '/rest/api/3/search/approximate-count', { rawBody: '' })).status).toBe(400);
    expect((await h.call('POST', '/rest/api/3/search/approximate-count', { body: ['project = RF'] })).status).toBe(400);
    expect(await h.call('GET', `/rest/api/3/search/approximate-count?jql=${q('project = RF')}`)).toMatchObject({ status: 405, headers: { allow: 'POST' } });
  });
});
