import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';
import { nextRunsCommand } from '../src/cli/next-runs-command.js';
import { schemaCommand } from '../src/cli/schema-command.js';
import { validateCommand } from '../src/cli/validate-command.js';
import { ruleJsonSchema } from '../src/core/rule/json-schema.js';

const VALID = {
  schemaVersion: 1,
  id: 'x',
  name: 'X',
  trigger: { type: 'event', events: ['avi:jira:created:issue'] },
  actions: [{ type: 'addLabels', labels: ['new'] }],
};
const SCHEDULED = {
  ...VALID,
  id: 'weekly',
  trigger: { type: 'schedule', cron: '0 9 * * 1', timezone: 'Europe/Berlin', jql: 'project = OPS' },
};
const MISSING_NAME = Object.fromEntries(Object.entries(VALID).filter(([key]) => key !== 'name'));

let dir: string;
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ruleforge-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ruleforge validate', () => {
  it('exits 0 and prints "<file>: ok" and a summary for valid rules', () => {
    const a = file('valid/a.json', VALID);
    const io = memoryIo();
    expect(validateCommand({ paths: [a], json: false }, io)).toBe(0);
    expect(io.out).toEqual([`${a}: ok`]);
    expect(io.err).toEqual(['1 file, 1 valid, 0 invalid']);
  });

  it('exits 1 and prints each issue as "<file>:<pointer> <CODE> <message>"', () => {
    const bad = file('invalid/missing-name.json', MISSING_NAME);
    const io = memoryIo();
    expect(validateCommand({ paths: [bad], json: false }, io)).toBe(1);
    expect(io.out.length).toBeGreaterThan(0);
    for (const line of io.out) expect(line).toMatch(new RegExp(`^${escape(bad)}:\\S* [A-Z_]+ \\S`));
    expect(io.out.join('\n')).toContain('REQUIRED');
    expect(io.err).toEqual(['1 file, 0 valid, 1 invalid']);
  });

  it('reports a file that is not JSON as NOT_JSON with its line and column, not a crash', () => {
    const broken = file('broken/trailing-comma.json', '{\n  "id": "x",\n}\n');
    const io = memoryIo();
    expect(validateCommand({ paths: [broken], json: false }, io)).toBe(1);
    expect(io.out).toHaveLength(1);
    expect(io.out[0]).toMatch(new RegExp(`^${escape(broken)}: NOT_JSON Not valid JSON: .*\\(line 3, column 1\\)\\.$`));
  });

  it('walks directories for *.json in sorted order, skipping node_modules, dot-directories and other files', () => {
    const root = join(dir, 'walk');
    for (const name of ['b.json', 'a/z.json', 'a/b/c.json', 'A.json', 'node_modules/m.json', '.git/g.json', 'notes.txt']) {
      file(join('walk', name), '{');
    }
    const io = memoryIo();
    expect(validateCommand({ paths: [root, join(root, 'b.json')], json: true }, io)).toBe(1);
    const reports = JSON.parse(io.out.join('\n')) as { file: string }[];
    expect(reports.map((r) => r.file.slice(root.length + 1))).toEqual(['A.json', 'a/b/c.json', 'a/z.json', 'b.json']);
    expect(io.err).toEqual(['4 files, 0 valid, 4 invalid']);
  });

  it('with --json prints exactly one JSON array of {file, ok, issues}', () => {
    const a = file('json/a.json', VALID);
    const b = file('json/b.json', 'not json');
    const io = memoryIo();
    expect(validateCommand({ paths: [a, b], json: true }, io)).toBe(1);
    expect(io.out).toHaveLength(1);
    const reports = JSON.parse(io.out[0] ?? '') as { file: string; ok: boolean; issues: { message: string }[] }[];
    expect(reports).toMatchObject([
      { file: a, ok: true, issues: [] },
      { file: b, ok: false, issues: [{ path: '', code: 'NOT_JSON' }] },
    ]);
    expect(reports[1]?.issues[0]?.message).toContain('line 1, column 2');
  });

  it('makes the second of two valid rules with the same id invalid', () => {
    const first = file('dupes/1.json', VALID);
    const second = file('dupes/2.json', { ...VALID, name: 'Another X' });
    const io = memoryIo();
    expect(validateCommand({ paths: [join(dir, 'dupes')], json: false }, io)).toBe(1);
    expect(io.out).toEqual([`${first}: ok`, expect.stringMatching(new RegExp(`^${escape(second)}:/id DUPLICATE_VALUE .*${escape(first)}`))]);
  });

  it('exits 2 for no paths, a missing path or a directory without rules', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    for (const paths of [[], [join(dir, 'nope.json')], [empty]]) {
      const io = memoryIo();
      expect(validateCommand({ paths, json: false }, io)).toBe(2);
      expect(io.out).toEqual([]);
      expect(io.err).toHaveLength(1);
    }
  });
});

describe('ruleforge schema', () => {
  it('prints the JSON Schema with two-space indentation', () => {
    const io = memoryIo();
    expect(schemaCommand(io)).toBe(0);
    expect(io.out).toEqual([JSON.stringify(ruleJsonSchema(), null, 2)]);
  });

  it('refuses arguments', async () => {
    expect(await run(['schema', 'extra'], memoryIo())).toBe(2);
  });
});

describe('ruleforge next-runs', () => {
  const from = new Date('2026-03-27T00:00:00Z');

  it('prints the description and the due times of a cron in UTC and local time', async () => {
    const io = memoryIo();
    expect(await nextRunsCommand({ target: '0 9 * * *', tz: 'Europe/Berlin', from, count: 3 }, io)).toBe(0);
    expect(io.out).toEqual([
      'At 09:00 (Europe/Berlin)',
      '2026-03-27T08:00:00.000Z  2026-03-27T09:00:00+01:00',
      '2026-03-28T08:00:00.000Z  2026-03-28T09:00:00+01:00',
      '2026-03-29T07:00:00.000Z  2026-03-29T09:00:00+02:00',
    ]);
  });

  it('defaults to UTC, five times, starting now', async () => {
    const io = memoryIo(new Date('2026-01-01T12:00:00Z'));
    expect(await run(['next-runs', '0 9 * * *'], io)).toBe(0);
    expect(io.out[0]).toBe('At 09:00 (UTC)');
    expect(io.out.slice(1)).toHaveLength(5);
    expect(io.out[1]).toBe('2026-01-02T09:00:00.000Z  2026-01-02T09:00:00+00:00');
  });

  it('reads the cron and zone from a scheduled rule, and --tz overrides the zone', async () => {
    const rule = file('next/weekly.json', SCHEDULED);
    const io = memoryIo();
    expect(await nextRunsCommand({ target: rule, from, count: 1 }, io)).toBe(0);
    expect(io.out).toEqual(['At 09:00, only on Monday (Europe/Berlin)', '2026-03-30T07:00:00.000Z  2026-03-30T09:00:00+02:00']);
    const other = memoryIo();
    expect(await nextRunsCommand({ target: rule, tz: 'UTC', from, count: 1 }, other)).toBe(0);
    expect(other.out[1]).toBe('2026-03-30T09:00:00.000Z  2026-03-30T09:00:00+00:00');
  });

  it('exits 1 for a rule without a schedule trigger, an invalid rule, a bad cron or a bad zone', async () => {
    const event = memoryIo();
    expect(await nextRunsCommand({ target: file('next/event.json', VALID), from, count: 1 }, event)).toBe(1);
    expect(event.err.join('\n')).toContain('not "schedule"');
    const invalid = memoryIo();
    expect(await nextRunsCommand({ target: file('next/broken.json', '{'), from, count: 1 }, invalid)).toBe(1);
    expect(invalid.err.join('\n')).toContain('NOT_JSON');
    const cron = memoryIo();
    expect(await nextRunsCommand({ target: '0 9 * *', from, count: 1 }, cron)).toBe(1);
    expect(cron.err).toEqual([expect.stringMatching(/^INVALID_CRON /)]);
    const zone = memoryIo();
    expect(await nextRunsCommand({ target: '0 9 * * *', tz: 'Mars/Olympus', from, count: 1 }, zone)).toBe(1);
    expect(zone.err).toEqual([expect.stringMatching(/^UNKNOWN_TIMEZONE /)]);
    expect(zone.out).toEqual([]);
  });

  it.each([
    [['next-runs']],
    [['next-runs', '0', '9', '*', '*', '*']],
    [['next-runs', '0 9 * * *', '-n', '0']],
    [['next-runs', '0 9 * * *', '-n', '101']],
    [['next-runs', '0 9 * * *', '-n', 'five']],
    [['next-runs', '0 9 * * *', '--tz']],
    [['next-runs', '0 9 * * *', '--from', 'yesterday']],
    [['next-runs', '0 9 * * *', '--from', '2026-03-27T00:00:00']],
    [['next-runs', '0 9 * * *', '--from', '2026-02-30']],
    [['next-runs', '0 9 * * *', '--every', 'day']],
    [['next-runs', 'missing-rule.json']],
  ])('exits 2 for the usage error %j', async (argv) => {
    const io = memoryIo();
    expect(await run(argv, io)).toBe(2);
    expect(io.out).toEqual([]);
    expect(io.err.join('\n')).toMatch(/ruleforge/);
  });

  it('accepts -n, --count and --from with an offset', async () => {
    const io = memoryIo();
    expect(await run(['next-runs', '0 9 * * *', '--count', '2', '-n', '1', '--from', '2026-03-27T10:00+01:00'], io)).toBe(0);
    expect(io.out.slice(1)).toEqual(['2026-03-28T09:00:00.000Z  2026-03-28T09:00:00+00:00']);
  });
});

describe('ruleforge', () => {
  it('prints usage on stdout for --help, -h, help and "<command> --help"', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['validate', '--help'], ['next-runs', '-h']]) {
      const io = memoryIo();
      expect(await run(argv, io)).toBe(0);
      expect(io.out.join('\n')).toContain('Usage: ruleforge');
      expect(io.err).toEqual([]);
    }
  });

  it('exits 2 with usage on stderr without a command, and for an unknown command or flag', async () => {
    for (const argv of [[], ['lint'], ['validate', '--fix', 'rules'], ['--version']]) {
      const io = memoryIo();
      expect(await run(argv, io)).toBe(2);
      expect(io.out).toEqual([]);
      expect(io.err.join('\n')).toContain('ruleforge');
    }
  });

  it('dispatches validate through run', async () => {
    const io = memoryIo();
    expect(await run(['validate', '--json', file('run/broken.json', '[')], io)).toBe(1);
    expect(JSON.parse(io.out.join('')) as unknown).toMatchObject([{ ok: false }]);
  });

  it('runs as a program from another directory (bin/ruleforge.js)', () => {
    const bin = fileURLToPath(new URL('../bin/ruleforge.js', import.meta.url));
    const valid = file('spawn/valid.json', VALID);
    const ok = spawnSync(process.execPath, [bin, 'validate', valid], { cwd: tmpdir(), encoding: 'utf8' });
    expect(ok.stderr).toBe('1 file, 1 valid, 0 invalid\n');
    expect(ok.stdout).toBe(`${valid}: ok\n`);
    expect(ok.status).toBe(0);
    // The issue's own bar: the shipped examples validate from the command line.
    const examples = spawnSync(process.execPath, [bin, 'validate', fileURLToPath(new URL('../rules/', import.meta.url))], { encoding: 'utf8' });
    expect(examples.status, examples.stdout).toBe(0);
    expect(examples.stderr).toMatch(/^(\d+) files, \1 valid, 0 invalid\n$/);
    const usage = spawnSync(process.execPath, [bin, 'validate'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    // Three cold starts of the CLI through tsx: 75 s were seen on a loaded two-core machine.
  }, 240_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
