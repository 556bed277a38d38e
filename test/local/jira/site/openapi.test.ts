import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jiraOpenApi } from '../../../support/openapi.js';
import { harness } from './harness.js';

type Call = {
  method: string;
  template: string;
  path: string;
  as?: string;
  body?: unknown;
  status: number;
  responseSchema?: string;
  requestDiffers?: string;
};
const { calls } = JSON.parse(readFileSync(new URL('../../../vectors/jira/conformance.json', import.meta.url), 'utf8')) as { calls: Call[] };
const api = jiraOpenApi();

/** The operations the site serves; each must be exercised below with a success and an error. */
const OPERATIONS = [
  'GET /rest/api/3/issue/{issueIdOrKey}', 'PUT /rest/api/3/issue/{issueIdOrKey}', 'DELETE /rest/api/3/issue/{issueIdOrKey}',
  'POST /rest/api/3/issue', 'GET /rest/api/3/issue/{issueIdOrKey}/comment', 'POST /rest/api/3/issue/{issueIdOrKey}/comment',
  'GET /rest/api/3/comment/{commentId}/properties/{propertyKey}',
  'GET /rest/api/3/issue/{issueIdOrKey}/transitions', 'POST /rest/api/3/issue/{issueIdOrKey}/transitions',
  'PUT /rest/api/3/issue/{issueIdOrKey}/assignee', 'GET /rest/api/3/search/jql', 'POST /rest/api/3/search/jql', 'POST /rest/api/3/search/approximate-count',
  'GET /rest/api/3/project/search', 'GET /rest/api/3/field', 'GET /rest/api/3/myself', 'GET /rest/api/3/mypermissions',
];

describe('the site against Jira’s OpenAPI document', () => {
  const h = harness();

  it.each(calls.map((call, index) => ({ ...call, index })))('#$index $method $path → $status', async (call) => {
    const url = new URL(call.path, 'http://site');
    expect(url.pathname.split('/').length).toBe(call.template.split('/').length);
    expect(api.query(call.method, call.template, url.searchParams).errors).toEqual([]);
    if (call.body !== undefined && call.requestDiffers === undefined) {
      expect(api.request(call.method, call.template, call.body).errors).toEqual([]);
    }
    const reply = await h.call(call.method, call.path, { as: call.as ?? 'app', ...(call.body === undefined ? {} : { body: call.body }) });
    expect(reply.status).toBe(call.status);
    const check = api.response(call.method, call.template, reply.status, reply.body);
    expect(check.errors).toEqual([]);
    if (call.responseSchema) expect(api.component(call.responseSchema, reply.body).errors).toEqual([]);
  });

  it('covers every operation the site serves with a success and an error', () => {
    for (const operation of OPERATIONS) {
      const statuses = calls.filter((c) => `${c.method} ${c.template}` === operation).map((c) => c.status);
      expect(statuses.some((s) => s < 300), `${operation} succeeds`).toBe(true);
      if (!operation.endsWith('/field')) expect(statuses.some((s) => s >= 400), `${operation} fails`).toBe(true);
      expect(() => api.operation(operation.split(' ')[0] ?? '', operation.split(' ')[1] ?? '')).not.toThrow();
    }
  });
});

describe('the OpenAPI checker', () => {
  it('rejects bodies that do not fit, so the checks above can fail', () => {
    expect(api.response('GET', '/rest/api/3/issue/{issueIdOrKey}', 200, { id: 10000, fields: {} }).ok).toBe(false);
    expect(api.response('GET', '/rest/api/3/search/jql', 200, { issues: [], total: 5 }).ok).toBe(false);
    expect(api.response('GET', '/rest/api/3/myself', 401, { message: 'no' }).ok).toBe(false);
    expect(api.response('PUT', '/rest/api/3/issue/{issueIdOrKey}', 418, {}).ok).toBe(false);
    expect(api.request('POST', '/rest/api/3/search/jql', { jql: 'x', maxResults: 'ten' }).ok).toBe(false);
    expect(api.query('GET', '/rest/api/3/search/jql', new URLSearchParams('maxResults=ten&startAt=0')).errors).toHaveLength(2);
    expect(api.component('User', { accountId: 'a', accountType: 'robot' }).ok).toBe(false);
  });

  it('reads OpenAPI 3.0 nullable as a null type', () => {
    expect(api.component('Visibility', { type: 'group', identifier: null }).ok).toBe(true);
    expect(api.component('Visibility', { type: 'group', identifier: 5 }).ok).toBe(false);
  });

  it('names the schema it checked against', () => {
    expect(api.response('GET', '/rest/api/3/issue/{issueIdOrKey}', 200, {}).schema).toBe('IssueBean');
    expect(api.response('GET', '/rest/api/3/issue/{issueIdOrKey}', 404, { errorMessages: [], errors: {} }).schema).toBe('ErrorCollection');
    expect(api.response('GET', '/rest/api/3/field', 200, []).schema).toBe('inline');
  });
});
