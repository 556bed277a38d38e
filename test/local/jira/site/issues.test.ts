import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN, APP, BEN, EMMA, FINN, harness, type ErrorBody, type IssueJson } from './harness.js';

type EditVector = {
  name: string;
  as?: string;
  body: unknown;
  status: number;
  fields?: Record<string, unknown>;
  unchanged?: Record<string, unknown>;
  changelog?: Record<string, unknown>[] | null;
  errors?: Record<string, string>;
  errorKeys?: string[];
  errorMessages?: string[];
  errorMessageCount?: number;
  atlassianId?: string;
};
const file = JSON.parse(readFileSync(new URL('../../../vectors/jira/edit-vectors.json', import.meta.url), 'utf8')) as {
  base: { fields: Record<string, unknown> };
  vectors: EditVector[];
};

describe('PUT /issue/{key}: edit vectors', () => {
  it.each(file.vectors)('$name', async (vector) => {
    const h = harness({ data: 'empty' });
    const created = await h.call('POST', '/rest/api/3/issue', { body: file.base });
    expect(created.status).toBe(201);
    const { key } = created.body as { key: string };
    h.events.length = 0;
    h.clock.advance(60_000);

    const reply = await h.call('PUT', `/rest/api/3/issue/${key}`, { body: vector.body, as: vector.as ?? 'app' });
    expect(reply.status).toBe(vector.status);
    const after = (await h.call('GET', `/rest/api/3/issue/${key}`)).body as IssueJson;
    if (vector.status === 204) {
      expect(reply.body).toBeUndefined();
      expect(after.fields).toMatchObject(vector.fields ?? {});
      const updated = h.events.filter((e) => e.eventType === 'avi:jira:updated:issue');
      if (vector.changelog === null) {
        expect(h.events).toEqual([]);
        expect(after.fields.updated).toBe('2026-03-02T09:00:00.000+0000');
      } else {
        expect(updated).toHaveLength(1);
        expect(updated[0]).toMatchObject({ atlassianId: vector.atlassianId ?? APP, issue: { key } });
        if (vector.changelog) expect((updated[0]?.changelog as { items: unknown[] }).items).toMatchObject(vector.changelog);
        expect(after.fields.updated).toBe('2026-03-02T09:01:00.000+0000');
      }
      return;
    }
    const body = reply.body as ErrorBody;
    expect(Object.keys(body).sort()).toEqual(['errorMessages', 'errors']);
    if (vector.errors) expect(body.errors).toEqual(vector.errors);
    if (vector.errorKeys) expect(Object.keys(body.errors)).toEqual(vector.errorKeys);
    if (vector.errorMessages) expect(body.errorMessages).toEqual(vector.errorMessages);
    if (vector.errorMessageCount !== undefined) expect(body.errorMessages).toHaveLength(vector.errorMessageCount);
    expect(body.errorMessages.length + Object.keys(body.errors).length).toBeGreaterThan(0);
    expect(h.events).toEqual([]);
    expect(after.fields).toMatchObject({ summary: 'Vector issue', labels: ['alpha', 'beta'], ...vector.unchanged });
  });
});

describe('GET /issue/{key}', () => {
  const h = harness();

  it('returns every field by default, each present even when empty', async () => {
    const { status, body } = await h.call('GET', '/rest/api/3/issue/RF-1');
    expect(status).toBe(200);
    const issue = body as IssueJson & { self: string; expand: string };
    expect(issue).toMatchObject({ id: '10000', key: 'RF-1', self: 'https://ruleforge-local.invalid/rest/api/3/issue/10000' });
    expect(Object.keys(issue.fields).sort()).toEqual([
      'assignee', 'comment', 'created', 'creator', 'customfield_10010', 'customfield_10011', 'customfield_10012', 'customfield_10013',
      'description', 'duedate', 'issuetype', 'labels', 'priority', 'project', 'reporter', 'resolution', 'resolutiondate',
      'status', 'statuscategorychangedate', 'summary', 'updated',
    ]);
    expect((issue.fields.status as { statusCategory: { key: string } }).statusCategory.key).toMatch(/^(new|indeterminate|done)$/);
    expect(issue.fields.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it.each([
    ['summary,status', ['status', 'summary']],
    ['summary&fields=labels', ['labels', 'summary']],
    ['*navigable', 'no comment'],
    ['*all,-comment,-description', 'all but two'],
    ['-comment', 'all but one'],
    ['nosuchfield,summary', ['summary']],
    ['id', []],
  ])('fields=%s picks the fields', async (param, expected) => {
    const { body } = await h.call('GET', `/rest/api/3/issue/RF-1?fields=${param}`);
    const keys = Object.keys((body as IssueJson).fields).sort();
    if (expected === 'no comment') expect(keys).not.toContain('comment');
    else if (expected === 'all but two') expect(keys).toHaveLength(19);
    else if (expected === 'all but one') expect(keys).toHaveLength(20);
    else expect(keys).toEqual(expected);
  });

  it('names the fields with expand=names', async () => {
    const { body } = await h.call('GET', '/rest/api/3/issue/RF-1?fields=summary,customfield_10010&expand=names');
    expect((body as { names: unknown }).names).toEqual({ summary: 'Summary', customfield_10010: 'Story Points' });
  });

  it('finds an issue by id or by key in any case', async () => {
    for (const ref of ['10000', 'rf-1', 'RF-1']) expect((await h.call('GET', `/rest/api/3/issue/${ref}?fields=summary`)).body).toMatchObject({ key: 'RF-1' });
  });

  it.each([
    ['an issue that does not exist', 'RF-9999', 'app'],
    ['a project that does not exist', 'NOPE-1', 'app'],
    ['an issue in a project the user cannot browse', 'OPS-1', FINN],
    ['an issue in another project for a one-project user', 'RF-1', EMMA],
  ])('answers 404 for %s', async (_name, key, as) => {
    const reply = await h.call('GET', `/rest/api/3/issue/${key}`, { as });
    expect(reply).toMatchObject({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
  });

  it('lets a viewer read what it cannot change', async () => {
    expect((await h.call('GET', '/rest/api/3/issue/RF-1', { as: FINN })).status).toBe(200);
  });
});

describe('POST /issue', () => {
  it('creates with defaults, answers {id, key, self}, and raises created with the creator', async () => {
    const h = harness();
    const reply = await h.call('POST', '/rest/api/3/issue', {
      as: BEN,
      body: { fields: { project: { id: '10001' }, issuetype: { id: '10004' }, summary: 'Checkout is down', labels: ['p1'] } },
    });
    expect(reply).toEqual({ status: 201, headers: expect.any(Object) as unknown, body: { id: '10200', key: 'OPS-71', self: 'https://ruleforge-local.invalid/rest/api/3/issue/10200' } });
    const issue = (await h.call('GET', '/rest/api/3/issue/OPS-71')).body as IssueJson;
    expect(issue.fields).toMatchObject({
      summary: 'Checkout is down', labels: ['p1'], status: { name: 'Open' }, priority: { name: 'Medium' }, assignee: null,
      reporter: { accountId: BEN }, creator: { accountId: BEN }, created: '2026-03-02T09:00:00.000+0000', resolution: null,
    });
    expect(h.events).toEqual([expect.objectContaining({
      eventType: 'avi:jira:created:issue', atlassianId: BEN, associatedUsers: { associatedUsers: [{ accountId: BEN }] },
    })]);
  });

  it.each([
    ['no project', { issuetype: { name: 'Task' }, summary: 'x' }, { project: 'Specify a valid project ID or key' }],
    ['a project the user cannot see', { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'x' }, { project: 'Specify a valid project ID or key' }],
    ['no issue type', { project: { key: 'MKT' }, summary: 'x' }, { issuetype: 'Specify an issue type' }],
    ['a type the project does not use', { project: { key: 'MKT' }, issuetype: { name: 'Bug' }, summary: 'x' }, { issuetype: 'The issue type selected is invalid.' }],
    ['no summary', { project: { key: 'MKT' }, issuetype: { name: 'Task' } }, { summary: 'You must specify a summary of the issue.' }],
    ['a bad field with a good one', { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'x', foo: 1 }, { foo: "Field 'foo' cannot be set. It is not on the appropriate screen, or unknown." }],
  ])('answers 400 for %s', async (_name, fields, errors) => {
    const h = harness();
    const reply = await h.call('POST', '/rest/api/3/issue', { as: EMMA, body: { fields } });
    expect(reply).toMatchObject({ status: 400, body: { errorMessages: [], errors } });
    expect(h.events).toEqual([]);
  });

  it('answers 403 to a viewer', async () => {
    const reply = await harness().call('POST', '/rest/api/3/issue', { as: FINN, body: { fields: { project: { key: 'RF' }, issuetype: { name: 'Task' }, summary: 'x' } } });
    expect(reply).toMatchObject({ status: 403, body: { errorMessages: ['You do not have permission to create issues in this project.'] } });
  });
});

describe('DELETE /issue/{key}', () => {
  it('deletes for a project administrator, raises deleted, and the key is gone', async () => {
    const h = harness();
    expect((await h.call('DELETE', '/rest/api/3/issue/RF-2', { as: ADMIN })).status).toBe(204);
    expect(h.events).toEqual([expect.objectContaining({ eventType: 'avi:jira:deleted:issue', atlassianId: ADMIN, issue: expect.objectContaining({ key: 'RF-2' }) as unknown })]);
    expect((await h.call('GET', '/rest/api/3/issue/RF-2')).status).toBe(404);
  });

  it('refuses a member (no Delete Issues) with 403', async () => {
    const h = harness();
    expect(await h.call('DELETE', '/rest/api/3/issue/RF-2', { as: BEN })).toMatchObject({ status: 403, body: { errorMessages: ['You do not have permission to delete issues in this project.'] } });
    expect(h.events).toEqual([]);
    expect((await h.call('GET', '/rest/api/3/issue/RF-2')).status).toBe(200);
  });
});
