import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullRun, RULES, UNREAD_SENTINEL, type FullRun } from './full-run.js';

// The privacy promises of docs/security-and-privacy.md, checked against one full run of the app in the local
// runtime: what it asked Jira for, what it stored, what it logged.
let run: FullRun;
beforeAll(async () => {
  run = await fullRun();
}, 60_000);
afterAll(() => {
  run.app.close();
});

const storedText = (): string => JSON.stringify(run.app.runtime.storage.contents());

/** The issue fields a request of the app asked Jira for; undefined for requests that ask for none. */
function fieldsAsked(request: FullRun['jiraRequests'][number]): string[] | undefined {
  const url = new URL(request.path, 'http://site.invalid');
  if (request.method === 'GET' && /^\/rest\/api\/3\/issue\/[^/]+$/.test(url.pathname)) return (url.searchParams.get('fields') ?? '*all').split(',');
  if (url.pathname === '/rest/api/3/search/jql') return (JSON.parse(request.body ?? '{}') as { fields?: string[] }).fields ?? ['*navigable'];
  return undefined;
}

describe('Jira data is read only as far as rules reference it', () => {
  it('asks Jira only for the issue fields the rules and their actions read', () => {
    const asked = run.jiraRequests.flatMap((request) => fieldsAsked(request) ?? []);
    // The rules read labels and priority; the transition action reads the status it moves from; a run over a JQL set
    // that reads nothing asks for the key alone.
    expect(new Set(asked)).toEqual(new Set(['labels', 'priority', 'status', 'issuekey']));
    expect(run.jiraRequests.length).toBeGreaterThan(10);
  });

  it('stores no value from an issue field that no rule read, though the event carried it', () => {
    // The product event carries the summary (and Jira holds the description): both hold the sentinel.
    expect(JSON.stringify(run.events)).toContain(UNREAD_SENTINEL);
    expect(storedText()).not.toContain(UNREAD_SENTINEL);
    // What the rules did read is kept, in their traces and results: the check above can see a stored value.
    const rows = run.app.runtime.storage.contents();
    const result = rows.find((row) => row.entity === 'rule-result');
    expect(result?.value).toMatchObject({ name: 'priority', value: expect.any(String) as unknown });
    expect(JSON.stringify(rows.filter((row) => row.entity === 'execution'))).toContain('"args":["issue.fields.labels"],"result":["customer"]');
  });

  it('keeps traces to the operations the rule ran and the values they read', () => {
    const executions = run.app.runtime.storage.contents().filter((row) => row.entity === 'execution');
    const varResults: unknown[] = [];
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as { op?: string; args?: unknown[]; result?: unknown; children?: unknown[] };
      if (record.op === 'var') varResults.push(record.args?.[0]);
      for (const child of Object.values(record)) if (typeof child === 'object') visit(child);
    };
    for (const row of executions) visit((row.value as { trace?: unknown }).trace);
    expect(varResults.length).toBeGreaterThan(0);
    // Every value in a trace came from a path some rule names.
    const named = new Set([...JSON.stringify(RULES).matchAll(/"var":"([^"]+)"/g)].map((m) => m[1]));
    expect(named.size).toBeGreaterThan(1);
    for (const path of varResults) expect(named).toContain(path);
  });
});

describe('no secret or token is written anywhere', () => {
  it('keeps no secret, and no invocation token appears in storage or logs', () => {
    const rows = run.app.runtime.storage.contents();
    expect(rows.filter((row) => row.ns === 'secret')).toEqual([]);
    const everything = `${storedText()}\n${run.logs.join('\n')}`;
    expect(run.invocationIds.length).toBeGreaterThan(5);
    for (const id of run.invocationIds) expect(everything).not.toContain(`local-${id}`);
    // The shapes real credentials take: bearer headers, Atlassian API tokens, JWTs.
    expect(everything).not.toMatch(/bearer\s|ATATT[A-Za-z0-9_-]{10}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/i);
  });

  it('logs codes and counts only: no issue data, no rule content', () => {
    expect(run.logs.length).toBeGreaterThan(0);
    for (const line of run.logs) {
      expect(line).not.toContain(UNREAD_SENTINEL);
      expect(line).toMatch(/^[a-z-]+: [A-Z_]+[,;]/);
    }
  });
});
