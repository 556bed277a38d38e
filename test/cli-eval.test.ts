import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';
import { ruleVectorFileSchema, type VectorCase } from './vectors/vector-schema.js';

const rulePath = (id: string): string => fileURLToPath(new URL(`../rules/${id}.json`, import.meta.url));

function vectorCase(id: string, name: string): VectorCase {
  const text = readFileSync(new URL(`./vectors/rules/${id}.json`, import.meta.url), 'utf8');
  const found = ruleVectorFileSchema.parse(JSON.parse(text)).cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no case "${name}" in ${id}`);
  return found;
}

let dir: string;
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ruleforge-cli-eval-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], now?: Date): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = memoryIo(now);
  const code = await run(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('ruleforge eval', () => {
  it('prints the result as JSON, reading the data given (default {})', async () => {
    expect(await cli(['eval', '{"in": ["a", {"var": "labels"}]}', '{"labels": ["a", "b"]}'])).toEqual({ code: 0, out: ['true'], err: [] });
    expect(await cli(['eval', '{"var": ["x", "none"]}'])).toEqual({ code: 0, out: ['"none"'], err: [] });
    const list = await cli(['eval', '{"map": [{"var": "xs"}, {"*": [{"var": ""}, 2]}]}', '{"xs": [1, 2]}']);
    expect(JSON.parse(list.out.join('\n'))).toEqual([2, 4]);
  });

  it('prints NaN and Infinity as null', async () => {
    expect((await cli(['eval', '{"/": [1, 0]}'])).out).toEqual(['null']);
    expect((await cli(['eval', '[{"-": ["x", 1]}, 1]'])).out.join('')).toMatch(/^\[\s*null,\s*1\s*\]$/);
  });

  it('runs the Jira operators against now from the data', async () => {
    const result = await cli(['eval', '{"daysSince": "2026-01-01"}', '{"now": 1767398400000}']);
    expect(result).toEqual({ code: 0, out: ['2'], err: [] });
  });

  it('with --trace prints {result, trace}', async () => {
    const { code, out } = await cli(['eval', '{"!": {"var": "a"}}', '{"a": 0}', '--trace']);
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ result: true, trace: { op: '!', path: '/!', result: true, children: [{ op: 'var', result: 0 }] } });
  });

  it('exits 1 with "<CODE>: <message> (at <pointer>)" when the expression cannot compile', async () => {
    const result = await cli(['eval', '{"and": [true, {"lgo": 1}]}']);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([expect.stringMatching(/^UNKNOWN_OPERATOR: .* \(at \/and\/1\/lgo\)$/)]);
  });

  it('exits 1 when a run fails, and with --trace still prints where', async () => {
    const data = JSON.stringify({ s: 'x'.repeat(60_000) });
    const plain = await cli(['eval', '{"cat": [{"var": "s"}, {"var": "s"}]}', data]);
    expect(plain).toMatchObject({ code: 1, out: [] });
    expect(plain.err).toEqual([expect.stringMatching(/^RESULT_TOO_LARGE: .* \(at \/cat\)$/)]);
    const traced = await cli(['eval', '{"cat": [{"var": "s"}, {"var": "s"}]}', data, '--trace']);
    expect(traced.code).toBe(1);
    expect(JSON.parse(traced.out.join('\n'))).toMatchObject({ error: { code: 'RESULT_TOO_LARGE', path: '/cat' }, trace: { op: 'cat' } });
  });

  it('exits 1 with NOT_JSON when an argument is not JSON', async () => {
    const logic = await cli(['eval', '{"var": "a"']);
    expect(logic).toMatchObject({ code: 1, out: [] });
    expect(logic.err).toEqual([expect.stringMatching(/^NOT_JSON: The expression is not valid JSON: .*line 1, column 12/)]);
    const data = await cli(['eval', '{"var": "a"}', "{'a': 1}"]);
    expect(data.err).toEqual([expect.stringMatching(/^NOT_JSON: The data is not valid JSON: /)]);
  });

  it.each([[['eval']], [['eval', '1', '{}', '{}']], [['eval', '1', '--explain']]])('exits 2 for the usage error %j', async (argv) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err.join('\n')).toMatch(/^ruleforge eval: /);
  });
});

type TestReport = { matched: boolean; status: string; let: Record<string, unknown>; actions: unknown[]; trace: unknown; error?: { code: string; path: string } };

async function dryRun(argv: string[], now?: Date): Promise<{ code: number; report: TestReport | undefined; err: string[] }> {
  const { code, out, err } = await cli(['test', ...argv], now);
  return { code, report: out.length === 0 ? undefined : (JSON.parse(out.join('\n')) as TestReport), err };
}

describe('ruleforge test', () => {
  it('dry-runs an event rule on a vector event and plans the vector actions', async () => {
    const c = vectorCase('flag-cve-security-issues', 'a summary naming a CVE is routed to security');
    if (c.input.kind !== 'event' || c.expect.decision !== 'matched') throw new Error('unexpected vector');
    const { code, report, err } = await dryRun([rulePath('flag-cve-security-issues'), '--event', file('cve.json', c.input.event), '--now', c.input.now]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ matched: true, status: 'matched', let: {}, actions: c.expect.actions, trace: { let: {}, when: { op: 'matches' } } });
    expect(report?.error).toBeUndefined();
  });

  it('exits 0 for a run that completes without matching', async () => {
    const c = vectorCase('comment-when-reopened', 'a change without a status item does not fire');
    if (c.input.kind !== 'event') throw new Error('unexpected vector');
    const { code, report } = await dryRun([rulePath('comment-when-reopened'), '--event', file('no-status.json', c.input.event)]);
    expect(code).toBe(0);
    expect(report).toEqual({ matched: false, status: 'not-triggered', let: {}, actions: [], trace: { let: {} } });
  });

  it('runs a schedule rule on --issue as a tick due and fired at --now', async () => {
    const c = vectorCase('weekly-sla-sweep', 'a Medium request 15.5 days old is 5.5 days past its 10-day target');
    if (c.input.kind !== 'schedule' || c.expect.decision !== 'matched') throw new Error('unexpected vector');
    const { code, report } = await dryRun([rulePath('weekly-sla-sweep'), '--issue', file('sla.json', c.input.issue), '--now', c.input.now]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ status: 'matched', let: { ageDays: 15.5, targetDays: 10, overdueDays: 5.5 }, actions: c.expect.actions });
  });

  it('runs a manual rule on --issue, and an event rule by hand, using the io clock without --now', async () => {
    const c = vectorCase('reassign-from-departed-user', 'open work in progress goes to the lead');
    if (c.input.kind !== 'manual' || c.expect.decision !== 'matched') throw new Error('unexpected vector');
    const manual = await dryRun([rulePath('reassign-from-departed-user'), '--issue', file('departed.json', c.input.issue)]);
    expect(manual).toMatchObject({ code: 0, report: { status: 'matched', actions: c.expect.actions } });

    const rule = file('age.json', {
      schemaVersion: 1,
      id: 'age',
      name: 'Age',
      trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['status'] },
      let: { ageDays: { daysSince: { var: 'issue.fields.created' } }, statusChanged: { changed: 'status' } },
      actions: [{ type: 'addLabels', labels: ['aged'] }],
    });
    const issue = file('aged-issue.json', { id: '1', key: 'OPS-1', fields: { project: { key: 'OPS' }, issuetype: { name: 'Bug' }, created: '2026-01-01T00:00:00Z' } });
    const byHand = await dryRun([rule, '--issue', issue], new Date('2026-01-11T00:00:00Z'));
    expect(byHand).toMatchObject({ code: 0, report: { status: 'matched', let: { ageDays: 10, statusChanged: false } } });
  });

  it('exits 1 with the error when the run fails', async () => {
    const rule = file('failing.json', {
      schemaVersion: 1,
      id: 'failing',
      name: 'Failing',
      trigger: { type: 'manual' },
      actions: [{ type: 'comment', body: { var: 'issue.fields.description' } }],
    });
    const issue = file('plain-issue.json', { id: '1', key: 'OPS-1', fields: {} });
    const { code, report, err } = await dryRun([rule, '--issue', issue]);
    expect(code).toBe(1);
    expect(report).toMatchObject({ matched: false, status: 'failed', actions: [], error: { code: 'INVALID_ACTION_VALUE', path: '/actions/0/body' } });
    expect(err).toEqual([expect.stringMatching(/^INVALID_ACTION_VALUE: .* \(at \/actions\/0\/body\)$/)]);
  });

  it('exits 1 and prints the issues of an invalid rule as validate does', async () => {
    const rule = file('invalid.json', { schemaVersion: 1, id: 'bad', name: 'Bad', trigger: { type: 'manual' }, when: { lgo: 1 }, actions: [] });
    const issue = file('any-issue.json', { id: '1', key: 'OPS-1', fields: {} });
    const { code, report, err } = await dryRun([rule, '--issue', issue]);
    expect(code).toBe(1);
    expect(report).toBeUndefined();
    expect(err.length).toBeGreaterThanOrEqual(2);
    for (const line of err) expect(line.startsWith(`${rule}:/`), line).toBe(true);
    expect(err.join('\n')).toContain(`${rule}:/actions TOO_SMALL `);
    expect(err.join('\n')).toContain(':/when/lgo UNKNOWN_OPERATOR');
  });

  it('exits 2 when the event or issue file is missing, not JSON or not an event or issue', async () => {
    const rule = rulePath('flag-cve-security-issues');
    const cases: [string[], RegExp][] = [
      [[rule, '--event', join(dir, 'nope.json')], /nope\.json: no such file/],
      [[join(dir, 'no-rule.json'), '--event', file('e.json', {})], /no-rule\.json: no such file/],
      [[rule, '--event', file('broken.json', '{')], /broken\.json: NOT_JSON /],
      [[rule, '--event', file('not-event.json', { eventType: 'avi:jira:created:issue', issue: { id: '1' } })], /not-event\.json:\/issue\/key MALFORMED_EVENT /],
      [[rule, '--issue', file('not-issue.json', { key: 'OPS-1', fields: {} })], /not-issue\.json:\/id MALFORMED_ISSUE /],
    ];
    for (const [argv, message] of cases) {
      const { code, report, err } = await dryRun(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(report).toBeUndefined();
      expect(err.join('\n')).toMatch(message);
    }
  });

  it.each([
    [['test']],
    [['test', 'a.json', 'b.json', '--event', 'e.json']],
    [['test', 'a.json']],
    [['test', 'a.json', '--event', 'e.json', '--issue', 'i.json']],
    [['test', 'a.json', '--event', 'e.json', '--now', '2026-01-01T00:00:00']],
    [['test', 'a.json', '--event']],
  ])('exits 2 for the usage error %j', async (argv) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err.join('\n')).toMatch(/^ruleforge test: /);
  });
});

describe('ruleforge eval and test as a program (bin/ruleforge.js)', () => {
  const bin = fileURLToPath(new URL('../bin/ruleforge.js', import.meta.url));

  it('evaluates an expression and dry-runs a rule', () => {
    const evaluated = spawnSync(process.execPath, [bin, 'eval', '{"cat": ["a", {"var": "b"}]}', '{"b": 1}'], { cwd: tmpdir(), encoding: 'utf8' });
    expect({ status: evaluated.status, stdout: evaluated.stdout, stderr: evaluated.stderr }).toEqual({ status: 0, stdout: '"a1"\n', stderr: '' });

    const c = vectorCase('escalate-stale-blockers', 'a blocker idle for 5 days is escalated');
    if (c.input.kind !== 'schedule' || c.expect.decision !== 'matched') throw new Error('unexpected vector');
    const argv = [bin, 'test', rulePath('escalate-stale-blockers'), '--issue', file('blocker.json', c.input.issue), '--now', c.input.now];
    const tested = spawnSync(process.execPath, argv, { cwd: tmpdir(), encoding: 'utf8' });
    expect(tested.stderr).toBe('');
    expect(tested.status).toBe(0);
    expect(JSON.parse(tested.stdout)).toMatchObject({ matched: true, status: 'matched', actions: c.expect.actions });
    // Two cold starts of the CLI, each compiling TypeScript through tsx: slow on a loaded two-core machine.
  }, 180_000);
});
