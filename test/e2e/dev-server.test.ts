import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from './dev-server-process.js';

let server: DevServer;
let base = '';

beforeAll(async () => {
  server = await startDevServer();
  base = server.base;
}, 180_000);

afterAll(() => {
  server.stop();
});

describe('npm start (the local dev server)', () => {
  it('lists the manifest functions and the example rules, all valid', async () => {
    const status = (await (await fetch(`${base}/`)).json()) as { functions: { key: string }[]; rules: { ok: boolean }[] };
    expect(status.functions.map((f) => f.key)).toEqual(['jira-event', 'work', 'admin-resolver', 'schedule-tick']);
    expect(status.rules.length).toBeGreaterThanOrEqual(8);
    expect(status.rules.every((r) => r.ok)).toBe(true);
  });

  it('validates a posted rule and reports issues with JSON Pointer paths', async () => {
    const bad = await fetch(`${base}/api/validate`, { method: 'POST', body: JSON.stringify({ schemaVersion: 1, when: { iff: 1 } }) });
    const body = (await bad.json()) as { ok: boolean; issues: { path: string; code: string }[] };
    expect(body.ok).toBe(false);
    expect(body.issues).toContainEqual(expect.objectContaining({ path: '/when/iff', code: 'UNKNOWN_OPERATOR' }));
    const notJson = await fetch(`${base}/api/validate`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('serves the JSON Schema', async () => {
    expect(((await (await fetch(`${base}/schemas/rule.schema.json`)).json()) as { $id: string }).$id).toContain('rule.schema.json');
  });
});

const post = async (path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${base}${path}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const get = async (path: string): Promise<Record<string, unknown>> => (await (await fetch(`${base}${path}`)).json()) as Record<string, unknown>;

describe('the dev API (docs/local-runtime.md)', () => {
  const event = { eventType: 'avi:jira:created:issue', atlassianId: '557058:alice', issue: { id: '10001', key: 'RF-1', fields: { summary: 'Login fails' } } };

  it('delivers a posted product event to the trigger function, which ran the built bundle', async () => {
    const accepted = await post('/__dev/events', event);
    expect(accepted).toEqual({ status: 202, body: expect.objectContaining({ ok: true, deliveries: 1, ignoredSelf: 0 }) as unknown });
    expect((await post('/__dev/drain', {})).status).toBe(200);
    const { invocations } = (await get('/__dev/invocations')) as { invocations: { functionKey: string; outcome: string; moduleKey: string; calls: Record<string, number>; heapPeakBytes: number }[] };
    const trigger = invocations.find((r) => r.functionKey === 'jira-event');
    expect(trigger).toMatchObject({ moduleKey: 'jira-events', outcome: 'returned', heapPeakBytes: expect.any(Number) as unknown });
    // The trigger reads its rules from storage; the counts are per invocation (runtime/meter.ts).
    expect(Object.keys(trigger?.calls ?? {}).sort()).toEqual(['eventsPushed', 'jira', 'jiraSearch', 'kvs', 'queue']);
    expect(trigger?.calls['kvs']).toBeGreaterThan(0);
    expect(trigger?.heapPeakBytes).toBeGreaterThanOrEqual(0);
  });

  it('drops the app’s own changes (ignoreSelf) and rejects events without an eventType', async () => {
    expect((await post('/__dev/events', { ...event, atlassianId: '557058:ruleforge-local-app' })).body).toMatchObject({ deliveries: 0, ignoredSelf: 1 });
    expect(await post('/__dev/events', { issue: {} })).toMatchObject({ status: 400, body: { code: 'INVALID_EVENT' } });
    expect(await post('/__dev/events', '{')).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
  });

  it('moves the clock forward only', async () => {
    const before = Date.parse(((await get('/__dev/clock')) as { now: string }).now);
    const moved = await post('/__dev/clock', { advance: '15m' });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now as string) - before).toBeGreaterThanOrEqual(15 * 60_000);
    expect((await post('/__dev/clock', { now: '2001-01-01T00:00:00Z' })).body).toMatchObject({ code: 'INVALID_CLOCK' });
    expect((await post('/__dev/clock', { advance: 'soon' })).body).toMatchObject({ code: 'INVALID_CLOCK' });
  });

  it('sets and clears faults, and counts requests', async () => {
    expect((await post('/__dev/faults', { kvs: { errorRate: 0.5, errorStatus: 503 }, seed: 3 })).body).toEqual({ faults: { kvs: { errorRate: 0.5, errorStatus: 503 } } });
    expect((await post('/__dev/faults', { kvs: {} })).body).toEqual({ faults: {} });
    expect(await post('/__dev/faults', { kvs: { errorRate: 2 } })).toMatchObject({ status: 400, body: { code: 'INVALID_FAULTS' } });
    expect(await post('/__dev/faults', { confluence: {} })).toMatchObject({ status: 400, body: { code: 'INVALID_FAULTS' } });
    const stats = await get('/__dev/stats');
    expect(stats).toMatchObject({ events: { pending: 0, failed: 0 }, queue: { pending: 0, deadLetters: 0 } });
    expect(stats.invocations).toMatchObject({ 'jira-event:returned': 1 });
  });

  it('imported the example rules on this first start, through the admin resolver', async () => {
    const listed = await post('/__dev/invoke/rules.list', { payload: { limit: 100 } });
    const items = ((listed.body.result as { result: { items: { ruleId: string }[] } }).result).items;
    expect(items.map((h) => h.ruleId)).toContain('triage-missing-priority');
    expect(await post('/__dev/invoke/rules.get', { payload: {} })).toMatchObject({ status: 200, body: { result: { ok: false, error: { code: 'INVALID_PAYLOAD' } } } });
  });

  it('runs the matching example rule on a posted issue-created event (docs/local-runtime.md), as documented', async () => {
    const created = { eventType: 'avi:jira:created:issue', atlassianId: '557058:local-ben', issue: { id: '20001', key: 'OPS-1', fields: { summary: 'Renew TLS', project: { key: 'OPS' }, issuetype: { name: 'Task' }, priority: null } } };
    expect((await post('/__dev/events', created)).status).toBe(202);
    expect((await post('/__dev/drain', {})).status).toBe(200);
    const listed = await post('/__dev/invoke/executions.list', { payload: { ruleId: 'triage-missing-priority' } });
    const [execution] = (listed.body.result as { result: { items: { value: { executionId: string; status: string; issueKey: string } }[] } }).result.items.map((i) => i.value);
    expect(execution).toMatchObject({ status: 'SUCCESS', issueKey: 'OPS-1' });
    const opened = await post('/__dev/invoke/executions.get', { payload: { executionId: execution?.executionId } });
    expect(opened.body).toMatchObject({ result: { ok: true, result: { trace: { when: { op: '!' } } } } });
    const issue = (await (await fetch(`${base}/rest/api/3/issue/OPS-1?fields=labels`)).json()) as { fields: { labels: string[] } };
    expect(issue.fields.labels).toContain('needs-triage');
  });
});

describe('the simulated Jira site over HTTP (docs/local-runtime.md)', () => {
  const jira = async (method: string, path: string, options: { user?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}/rest/api/3${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(options.user === undefined ? {} : { 'x-ruleforge-user': options.user }) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as Record<string, unknown> | null };
  };

  it('acts as the seeded admin unless x-ruleforge-user names someone else', async () => {
    expect((await jira('GET', '/myself')).body).toMatchObject({ accountId: '557058:local-site-admin' });
    expect((await jira('GET', '/myself', { user: '557058:local-ben' })).body).toMatchObject({ accountId: '557058:local-ben' });
    expect((await jira('GET', '/myself', { user: '557058:nobody' })).status).toBe(401);
  });

  it('searches with JQL, returning only the fields asked for', async () => {
    const page = await jira('GET', `/search/jql?jql=${encodeURIComponent('project = RF ORDER BY key ASC')}&fields=summary&maxResults=3`);
    expect(page.status).toBe(200);
    const issues = page.body?.['issues'] as { key: string; fields: Record<string, unknown> }[];
    expect(issues.map((i) => i.key)).toEqual(['RF-1', 'RF-2', 'RF-3']);
    expect(issues.every((i) => Object.keys(i.fields).join() === 'summary')).toBe(true);
    expect(typeof page.body?.['nextPageToken']).toBe('string');
  });

  it('turns a person’s edit into a product event that runs the app’s trigger', async () => {
    const before = ((await get('/__dev/stats')).invocations as Record<string, number>)['jira-event:returned'] ?? 0;
    expect((await jira('PUT', '/issue/RF-2', { user: '557058:local-ben', body: { update: { labels: [{ add: 'from-curl' }] } } })).status).toBe(204);
    expect((await post('/__dev/drain', {})).status).toBe(200);
    const after = ((await get('/__dev/stats')).invocations as Record<string, number>)['jira-event:returned'] ?? 0;
    expect(after).toBe(before + 1);
    expect((await jira('GET', '/issue/RF-2?fields=labels')).body).toMatchObject({ fields: { labels: expect.arrayContaining(['from-curl']) as unknown } });
  });

  it('answers like Jira for a user without permission and for bad input', async () => {
    expect(await jira('PUT', '/issue/RF-2', { user: '557058:local-finn', body: { fields: { summary: 'x' } } })).toMatchObject({ status: 403, body: { errorMessages: [expect.any(String)], errors: {} } });
    expect(await jira('GET', '/issue/OPS-1', { user: '557058:local-finn' })).toMatchObject({ status: 404 });
    expect(await jira('GET', `/search/jql?jql=${encodeURIComponent('project = RF AND')}`)).toMatchObject({ status: 400, body: { errorMessages: [expect.any(String)] } });
  });
});
