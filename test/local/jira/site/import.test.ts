import { describe, expect, it } from 'vitest';
import { APP, harness } from './harness.js';

// importIssue is test setup: it must put exactly what it is given on the site, or refuse loudly.
const CUSTOMER = 'qm:7c1d2e3f-4a5b-4c7d-8e9f-0a1b2c3d4e5f:1a2b3c4d-5e6f-4a7b-9c0d-1e2f3a4b5c6d';
const fields = {
  summary: 'Checkout fails with a gift card',
  issuetype: { id: '10004', name: 'Bug', subtask: false },
  project: { id: '10010', key: 'SHOP', name: 'Webshop' },
  status: { id: '4', name: 'Reopened', statusCategory: { id: 2, key: 'new' } },
  priority: { id: '3', name: 'Medium' },
  resolution: null,
  labels: ['needs-info', 'billing'],
  assignee: { accountId: '5c2f9e7a1b3d4c0012a8e6f1', displayName: 'Carla Mendes', active: true, accountType: 'atlassian' },
  reporter: { accountId: CUSTOMER, displayName: 'Jordan Blake', active: true, accountType: 'customer' },
  created: '2026-11-20T10:00:00.000+0100',
  updated: '2026-11-21T21:30:00.000+0000',
};

describe('site.importIssue', () => {
  it('holds the issue under its key, readable over REST, with no event and no history', async () => {
    const h = harness({ data: 'bare' });
    expect(h.site.importIssue({ key: 'SHOP-451', id: '30051', fields, accounts: [{ accountId: '5b10ac8d82e05b22cc7d4ef5' }] })).toEqual({ id: '30051', key: 'SHOP-451' });
    const read = await h.call('GET', '/rest/api/3/issue/SHOP-451?fields=*all&expand=changelog', { as: APP });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: '30051',
      key: 'SHOP-451',
      fields: {
        summary: fields.summary,
        issuetype: { name: 'Bug' },
        project: { id: '10010', key: 'SHOP', name: 'Webshop' },
        status: { id: '4', name: 'Reopened', statusCategory: { key: 'new' } },
        priority: { name: 'Medium' },
        labels: ['billing', 'needs-info'],
        assignee: { accountId: '5c2f9e7a1b3d4c0012a8e6f1', displayName: 'Carla Mendes' },
        reporter: { accountId: CUSTOMER, accountType: 'customer' },
        created: '2026-11-20T09:00:00.000+0000',
        updated: '2026-11-21T21:30:00.000+0000',
        resolution: null,
      },
    });
    expect(h.events).toEqual([]);
    // The project's workflow reaches every status from every other; the extra account can be assigned.
    const transitions = (await h.call('GET', '/rest/api/3/issue/SHOP-451/transitions', { as: APP })).body as { transitions: { to: { name: string } }[] };
    expect(transitions.transitions.map((t) => t.to.name).sort()).toEqual(['Done', 'In Progress', 'To Do']);
    expect((await h.call('PUT', '/rest/api/3/issue/SHOP-451/assignee', { as: APP, body: { accountId: '5b10ac8d82e05b22cc7d4ef5' } })).status).toBe(204);
    // Issues created afterwards take the next key and id, never the imported one's.
    const created = await h.call('POST', '/rest/api/3/issue', { as: APP, body: { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'Next' } } });
    expect(created.body).toMatchObject({ key: 'SHOP-452', id: '30052' });
  });

  it('refuses a field the site does not have, even an empty one, and names it', () => {
    const h = harness({ data: 'bare' });
    expect(() => h.site.importIssue({ key: 'SHOP-1', fields: { ...fields, components: [], fixVersions: [{ id: '10100', name: '2026.11' }] } })).toThrow(
      /no field 'components'.*no field 'fixVersions'/,
    );
    expect(h.site.importIssue({ key: 'SHOP-1', fields })).toMatchObject({ key: 'SHOP-1' });
  });

  it('refuses what would change a value: a status of another category, a sub-task, a taken key, a bad time', () => {
    const h = harness({ data: 'bare' });
    h.site.importIssue({ key: 'SHOP-1', fields });
    expect(() => h.site.importIssue({ key: 'SHOP-2', fields: { ...fields, status: { name: 'Done', statusCategory: { key: 'new' } } } })).toThrow(/category "new" there, 'done' here/);
    expect(() => h.site.importIssue({ key: 'SHOP-2', fields: { ...fields, issuetype: { name: 'Bug', subtask: true } } })).toThrow(/sub-tasks/);
    expect(() => h.site.importIssue({ key: 'SHOP-1', fields })).toThrow(/exists already/);
    expect(() => h.site.importIssue({ key: 'SHOP-2', fields: { ...fields, created: 'yesterday' } })).toThrow(/not a Jira timestamp/);
    expect(() => h.site.importIssue({ key: 'SHOP-2', fields: { ...fields, reporter: { accountId: CUSTOMER, displayName: 'Someone else' } } })).toThrow(/is Jordan Blake/);
  });

  it('fits a configured project only as it is configured', () => {
    const h = harness({ data: 'empty' });
    const ops = { ...fields, project: { key: 'OPS' }, assignee: null, reporter: null };
    expect(() => h.site.importIssue({ key: 'OPS-9', fields: ops })).toThrow(/OPS has no issue type.*OPS's workflow has no status/);
    expect(h.site.importIssue({ key: 'OPS-9', fields: { ...ops, issuetype: { name: 'Incident' }, status: { name: 'Investigating' } } })).toMatchObject({ key: 'OPS-9' });
  });
});
