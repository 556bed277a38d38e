import { describe, expect, it } from 'vitest';
import { ADMIN, FINN, harness, type Harness, type IssueJson } from './harness.js';

type Page = { issues: IssueJson[]; nextPageToken?: string; isLast: boolean };

async function everything(h: Harness): Promise<IssueJson[]> {
  const issues: IssueJson[] = [];
  let token: string | undefined;
  do {
    const body = { jql: 'project in (RF, OPS, MKT) ORDER BY key ASC', fields: ['*all'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) };
    const page = (await h.call('POST', '/rest/api/3/search/jql', { body })).body as Page;
    issues.push(...page.issues);
    token = page.nextPageToken;
  } while (token !== undefined);
  return issues;
}

describe('the demo data', () => {
  it('is the same for the same seed and clock, and different for another seed', async () => {
    const first = await everything(harness({ seed: 7 }));
    expect(await everything(harness({ seed: 7 }))).toEqual(first);
    expect(await everything(harness({ seed: 8 }))).not.toEqual(first);
  });

  it('has three projects of realistic issues worked on over time', async () => {
    const h = harness();
    const issues = await everything(h);
    const count = (test: (issue: IssueJson) => boolean) => issues.filter(test).length;
    const text = (issue: IssueJson, id: string) => issue.fields[id] as string;
    const category = (issue: IssueJson) => (issue.fields.status as { statusCategory: { key: string } }).statusCategory.key;
    expect(issues).toHaveLength(200);
    expect(['RF', 'OPS', 'MKT'].map((key) => count((i) => (i.fields.project as { key: string }).key === key))).toEqual([90, 70, 40]);
    for (const name of ['new', 'indeterminate', 'done']) expect(count((i) => category(i) === name)).toBeGreaterThan(10);
    expect(count((i) => i.fields.resolution !== null)).toBe(count((i) => category(i) === 'done'));
    expect(count((i) => (i.fields.comment as { total: number }).total > 0)).toBeGreaterThan(10);
    expect(count((i) => text(i, 'updated') > text(i, 'created'))).toBeGreaterThan(100);
    expect(count((i) => i.fields.assignee === null)).toBeGreaterThan(10);
    expect(count((i) => (i.fields.labels as string[]).length > 0)).toBeGreaterThan(50);
    expect(count((i) => i.fields.customfield_10012 !== null)).toBeGreaterThan(50);
    expect(issues.every((i) => text(i, 'updated') <= '2026-03-02T09:00:00.000+0000')).toBe(true);
    // A query rules will use finds issues that have sat untouched.
    const stale = (await h.call('POST', '/rest/api/3/search/jql', { body: { jql: 'statusCategory != Done AND updated < -30d', maxResults: 500 } })).body as Page;
    expect(stale.issues.length).toBeGreaterThan(5);
  });

  it('has six people: one site admin, one who may only browse one project', () => {
    const users = harness().site.users();
    expect(users).toHaveLength(6);
    expect(users.filter((u) => u.admin).map((u) => u.accountId)).toEqual([ADMIN]);
    expect(users.map((u) => u.accountId)).toContain(FINN);
  });

  it('can start empty with the same configuration', async () => {
    const h = harness({ data: 'empty' });
    expect((await h.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project = RF' } })).body).toEqual({ issues: [], isLast: true });
    expect((await h.call('GET', '/rest/api/3/project/search')).body).toMatchObject({ total: 3 });
  });
});

describe('scale mode', () => {
  it('generates 100,000 issues that a chosen query finds, page by page', async () => {
    const h = harness({ data: 'empty' });
    expect(h.site.generate({ count: 100_000, project: 'RF', fields: { labels: ['bench'], status: 'In Progress', priority: 'High' } })).toBe(100_000);
    expect(h.site.generate({ count: 500, project: 'OPS' })).toBe(500);
    expect(h.events).toEqual([]);

    const jql = 'project = RF AND labels = bench AND status = "In Progress" AND priority = High';
    const first = (await h.call('POST', '/rest/api/3/search/jql', { body: { jql, fields: ['summary', 'labels'], maxResults: 50 } })).body as Page;
    expect(first.issues).toHaveLength(50);
    expect(first.isLast).toBe(false);
    expect(first.issues[0]).toMatchObject({ key: 'RF-100000', fields: { labels: ['bench'] } });

    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = (await h.call('POST', '/rest/api/3/search/jql', { body: { jql, maxResults: 5000, ...(token ? { nextPageToken: token } : {}) } })).body as Page;
      for (const issue of page.issues) seen.add(issue.id);
      token = page.nextPageToken;
      pages += 1;
    } while (token !== undefined);
    expect(pages).toBe(20);
    expect(seen.size).toBe(100_000);
    const ops = (await h.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project = OPS', maxResults: 5000 } })).body as Page;
    expect(ops.issues).toHaveLength(500);
  }, 600_000);

  it('refuses what it cannot generate', () => {
    const { site } = harness({ data: 'empty' });
    expect(() => site.generate({ count: 1, project: 'NOPE' })).toThrow(/no project 'NOPE'/);
    expect(() => site.generate({ count: 1, project: 'MKT', fields: { status: 'Investigating' } })).toThrow(/no status/);
    expect(() => site.generate({ count: -1, project: 'MKT' })).toThrow(/count/);
  });
});
