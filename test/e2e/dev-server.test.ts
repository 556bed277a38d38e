import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` as a user runs it: a real process on loopback (port 0: the OS picks a free one).
let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/local/dev-server.ts'], {
    cwd: new URL('../../', import.meta.url),
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Ruleforge local: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    server.on('exit', (code) => { reject(new Error(`dev server exited with ${String(code)}: ${out}`)); });
  });
}, 60_000);

afterAll(() => {
  server.kill('SIGTERM');
});

describe('npm start (the local dev server)', () => {
  it('lists the manifest functions and the example rules, all valid', async () => {
    const status = (await (await fetch(`${base}/`)).json()) as { functions: { key: string }[]; rules: { ok: boolean }[] };
    expect(status.functions.map((f) => f.key)).toEqual(['jira-event']);
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

  it('serves the JSON Schema and invokes a manifest function with a posted event', async () => {
    expect(((await (await fetch(`${base}/schemas/rule.schema.json`)).json()) as { $id: string }).$id).toContain('rule.schema.json');
    const res = await fetch(`${base}/functions/jira-event`, { method: 'POST', body: '[]' });
    expect(((await res.json()) as { result: { accepted: boolean; code: string } }).result).toMatchObject({ accepted: false, code: 'MALFORMED_EVENT' });
  });
});
