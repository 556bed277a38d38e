import { describe, expect, it } from 'vitest';
import { ADMIN, APP, BEN, CHLOE, DEV, EMMA, FINN, harness } from './harness.js';

const h = harness();
type Projects = { values: { key: string }[]; total: number; isLast: boolean; nextPage?: string; startAt: number; maxResults: number };
type Permissions = { permissions: Record<string, { havePermission: boolean; type: string; id: string }> };

describe('who acts', () => {
  it.each([
    ['asApp() acts as the app’s account', { as: 'app' }, APP],
    ['asUser(id) acts as that user', { as: CHLOE }, CHLOE],
    ['a plain requestJira from a resolver acts for its user', { as: { invocationUser: DEV } }, DEV],
    ['a plain requestJira from a trigger acts as the app', { as: {} }, APP],
  ])('%s', async (_name, options, accountId) => {
    expect((await h.call('GET', '/rest/api/3/myself', options)).body).toMatchObject({ accountId });
  });

  it('answers 401 for an account the site does not know, as for a failed login', async () => {
    const expected = { status: 401, body: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} } };
    expect(await h.call('GET', '/rest/api/3/myself', { as: 'nobody' })).toMatchObject(expected);
    expect(await h.call('GET', '/rest/api/3/issue/RF-1', { as: { invocationUser: 'nobody' } })).toMatchObject(expected);
  });
});

describe('routing', () => {
  it('answers 404 for a path it does not serve and 405 for a method a path does not take', async () => {
    expect(await h.call('GET', '/rest/api/3/nothing/here')).toMatchObject({ status: 404, body: { errorMessages: [expect.stringContaining('/rest/api/3/nothing/here')], errors: {} } });
    expect(await h.call('GET', '/rest/api/2/issue/RF-1')).toMatchObject({ status: 404 });
    expect(await h.call('PATCH', '/rest/api/3/issue/RF-1')).toEqual({ status: 405, body: undefined, headers: { allow: 'GET, PUT, DELETE' } });
    expect(await h.call('DELETE', '/rest/api/3/search/jql')).toMatchObject({ status: 405, headers: { allow: 'GET, POST' } });
  });

  it('answers 400 for a body that is not JSON', async () => {
    expect(await h.call('PUT', '/rest/api/3/issue/RF-1', { rawBody: '{summary' })).toMatchObject({ status: 400, body: { errorMessages: [expect.any(String)], errors: {} } });
    expect(await h.call('PUT', '/rest/api/3/issue/RF-1', { rawBody: '' })).toMatchObject({ status: 400 });
  });
});

describe('GET /myself and /field', () => {
  it('describes the caller', async () => {
    expect((await h.call('GET', '/rest/api/3/myself', { as: BEN })).body).toMatchObject({
      accountId: BEN, displayName: 'Ben Okafor', active: true, accountType: 'atlassian', timeZone: 'Europe/London', emailAddress: 'ben@ruleforge.example',
    });
    expect((await h.call('GET', '/rest/api/3/myself')).body).toMatchObject({ accountId: APP, accountType: 'app' });
  });

  it('lists system and custom fields with their clause names and schemas', async () => {
    const fields = (await h.call('GET', '/rest/api/3/field')).body as { id: string; custom: boolean; clauseNames: string[]; schema?: Record<string, unknown> }[];
    expect(fields.filter((f) => f.custom).map((f) => [f.id, f.clauseNames, f.schema?.type])).toEqual([
      ['customfield_10010', ['cf[10010]', 'Story Points'], 'number'],
      ['customfield_10011', ['cf[10011]', 'Customer'], 'string'],
      ['customfield_10012', ['cf[10012]', 'Severity'], 'option'],
      ['customfield_10013', ['cf[10013]', 'Target start'], 'date'],
    ]);
    expect(fields.find((f) => f.id === 'labels')).toMatchObject({ schema: { type: 'array', items: 'string', system: 'labels' } });
  });
});

describe('GET /project/search', () => {
  it.each([
    [ADMIN, ['MKT', 'OPS', 'RF']],
    [FINN, ['RF']],
    [EMMA, ['MKT']],
    [CHLOE, ['MKT', 'OPS', 'RF']],
  ])('lists the projects %s may browse, by key', async (as, keys) => {
    const page = (await h.call('GET', '/rest/api/3/project/search', { as })).body as Projects;
    expect(page.values.map((p) => p.key)).toEqual(keys);
    expect(page).toMatchObject({ total: keys.length, isLast: true, startAt: 0, maxResults: 50 });
  });

  it('pages, filters and orders', async () => {
    const first = (await h.call('GET', '/rest/api/3/project/search?maxResults=2&orderBy=-name')).body as Projects;
    expect(first).toMatchObject({ values: [{ key: 'RF' }, { key: 'OPS' }], total: 3, isLast: false, nextPage: expect.stringContaining('startAt=2') as unknown });
    const second = (await h.call('GET', '/rest/api/3/project/search?startAt=2&maxResults=2&orderBy=-name')).body as Projects;
    expect(second).toMatchObject({ values: [{ key: 'MKT' }], isLast: true });
    expect(((await h.call('GET', '/rest/api/3/project/search?query=oper')).body as Projects).values.map((p) => p.key)).toEqual(['OPS']);
    expect(((await h.call('GET', '/rest/api/3/project/search?action=create', { as: CHLOE })).body as Projects).values.map((p) => p.key)).toEqual(['OPS', 'RF']);
    expect(((await h.call('GET', '/rest/api/3/project/search?expand=lead,insight&keys=MKT')).body as Projects).values).toEqual([
      expect.objectContaining({ key: 'MKT', lead: expect.objectContaining({ accountId: EMMA }) as unknown, insight: expect.objectContaining({ totalIssueCount: 40 }) as unknown }),
    ]);
    expect((await h.call('GET', '/rest/api/3/project/search?maxResults=1000')).body).toMatchObject({ maxResults: 100 });
  });
});

describe('GET /mypermissions', () => {
  it('needs the permissions parameter, as Jira has since 2019', async () => {
    expect(await h.call('GET', '/rest/api/3/mypermissions')).toMatchObject({ status: 400, body: { errorMessages: ["The 'permissions' query parameter is required."], errors: {} } });
    expect((await h.call('GET', '/rest/api/3/mypermissions?permissions=FLY')).status).toBe(400);
  });

  it.each([
    [FINN, 'projectKey=RF', { BROWSE_PROJECTS: true, EDIT_ISSUES: false, ADMINISTER: false }],
    [FINN, 'issueKey=RF-1', { BROWSE_PROJECTS: true, EDIT_ISSUES: false, ADMINISTER: false }],
    [CHLOE, 'projectKey=MKT', { BROWSE_PROJECTS: true, EDIT_ISSUES: false, ADMINISTER: false }],
    [CHLOE, '', { BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER: false }],
    [ADMIN, '', { BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER: true }],
    [APP, 'projectId=10001', { BROWSE_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER: false }],
  ])('answers for %s in %s', async (as, context, expected) => {
    const reply = await h.call('GET', `/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER&${context}`, { as });
    const { permissions } = reply.body as Permissions;
    expect(Object.fromEntries(Object.entries(permissions).map(([key, p]) => [key, p.havePermission]))).toEqual(expected);
    expect(permissions.BROWSE_PROJECTS).toMatchObject({ id: '10', type: 'PROJECT' });
    expect(permissions.ADMINISTER).toMatchObject({ id: '0', type: 'GLOBAL' });
  });

  it('answers 404 for a project or issue the user cannot see', async () => {
    expect(await h.call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=OPS', { as: FINN })).toMatchObject({
      status: 404, body: { errorMessages: ["No project could be found with key 'OPS'."] },
    });
    expect((await h.call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&issueKey=OPS-1', { as: FINN })).status).toBe(404);
  });
});
