import api, { asApp, asUser, route } from '@forge/api';
import { afterAll, describe, expect, it } from 'vitest';
import { installForgeGlobals } from '../../../../src/local/runtime/forge-globals.js';
import { adf, APP, BEN, DEV, FINN, harness } from './harness.js';

// The real @forge/api, through the runtime's globals, against the site: what the app's Jira adapter will do.
const h = harness();
const globals = installForgeGlobals({ jira: h.site }, { clock: h.clock });
afterAll(() => {
  globals.uninstall();
});

describe('the site behind @forge/api requestJira', () => {
  it('answers asApp() reads with the fields asked for (the SDK encodes the comma)', async () => {
    const response = await asApp().requestJira(route`/rest/api/3/issue/${'RF-1'}?fields=${'summary,labels'}`);
    expect(response.status).toBe(200);
    const issue = (await response.json()) as { key: string; fields: Record<string, unknown> };
    expect(issue.key).toBe('RF-1');
    expect(Object.keys(issue.fields).sort()).toEqual(['labels', 'summary']);
  });

  it('writes as the app, and the event says so, which is what ignoreSelf needs', async () => {
    h.events.length = 0;
    const response = await asApp().requestJira(route`/rest/api/3/issue/${'RF-4'}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ update: { labels: [{ add: 'from-rule' }] } }),
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(h.events).toEqual([expect.objectContaining({ eventType: 'avi:jira:updated:issue', atlassianId: APP })]);
  });

  it('acts as the user for asUser(), with their permissions', async () => {
    h.events.length = 0;
    const denied = await asUser(FINN).requestJira(route`/rest/api/3/issue/${'RF-4'}/comment`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body: adf('hi') }),
    });
    expect(denied.status).toBe(403);
    const made = await asUser(BEN).requestJira(route`/rest/api/3/issue/${'RF-4'}/comment`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body: adf('hi') }),
    });
    expect(made.status).toBe(201);
    expect(h.events.map((e) => e.atlassianId)).toEqual([BEN]);
  });

  it('acts for the invocation’s user on a plain requestJira, and as the app without one', async () => {
    const asResolverUser = await globals.runAs({ functionKey: 'resolver', accountId: DEV }, () => api.requestJira(route`/rest/api/3/myself`));
    expect(((await asResolverUser.json()) as { accountId: string }).accountId).toBe(DEV);
    const asTrigger = await globals.runAs({ functionKey: 'trigger' }, () => api.requestJira(route`/rest/api/3/myself`));
    expect(((await asTrigger.json()) as { accountId: string }).accountId).toBe(APP);
  });

  it('pages a search with the token the SDK sends back', async () => {
    const first = await asApp().requestJira(route`/rest/api/3/search/jql?jql=${'project = MKT'}&maxResults=${30}`);
    const page = (await first.json()) as { issues: unknown[]; nextPageToken: string };
    const second = await asApp().requestJira(route`/rest/api/3/search/jql?jql=${'project = MKT'}&maxResults=${30}&nextPageToken=${page.nextPageToken}`);
    expect(((await second.json()) as { issues: unknown[]; isLast: boolean })).toMatchObject({ isLast: true, issues: { length: 10 } });
  });
});
