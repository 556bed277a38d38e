import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { BuildError, FORBIDDEN_INPUT_DIRS, buildFunctions, type FunctionReport } from '../scripts/build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
type Manifest = { modules: { function: { key: string }[] } };
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Manifest;

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function fixture(files: Record<string, string>): string {
  const dir = tempDir('ruleforge-build-fixture-');
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}
const manifestFor = (handler: string, key = 'fn') =>
  `modules:\n  function:\n    - key: ${key}\n      handler: ${handler}\n`;

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('buildFunctions on this project', () => {
  let outdir: string;
  let reports: FunctionReport[];

  beforeAll(async () => {
    outdir = tempDir('ruleforge-build-');
    reports = await buildFunctions({ root, outdir });
  }, 120_000);

  it('bundles each manifest function once, with a non-zero size', () => {
    expect(reports.map((r) => r.key).sort()).toEqual(manifest.modules.function.map((f) => f.key).sort());
    for (const report of reports) {
      expect(report.bytes, report.key).toBeGreaterThan(0);
      expect(report.gzipBytes, report.key).toBeGreaterThan(0);
    }
  });

  it('ships nothing from the local runtime, the CLI, tests, scripts or benchmarks', () => {
    for (const report of reports) {
      expect(report.inputs.length, report.key).toBeGreaterThan(0);
      const forbidden = report.inputs.filter((input) => FORBIDDEN_INPUT_DIRS.some((dir) => input.startsWith(dir)));
      expect(forbidden, report.key).toEqual([]);
    }
  });

  it('loads with require() and the handler answers a null event without throwing', async () => {
    const report = reports.find((r) => r.key === 'jira-event');
    expect(report).toBeDefined();
    if (!report) return;
    const bundle = createRequire(import.meta.url)(report.outfile) as Record<string, unknown>;
    const handler = bundle[report.exportName];
    expect(handler).toBeTypeOf('function');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const result: unknown = await (handler as (event: unknown) => Promise<unknown>)(null);
      expect(result).toMatchObject({ accepted: false, code: 'MALFORMED_EVENT' });
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
    }
  });
});

describe('buildFunctions, per function', () => {
  it('leaves another handler\'s module out, top-level calls and all', async () => {
    const dir = fixture({
      'manifest.yml': `${manifestFor('index.a', 'a')}    - key: b\n      handler: index.b\n`,
      'src/index.ts': "export { a } from './entry/a.js';\nexport { b } from './entry/b.js';\n",
      'src/entry/a.ts': "export const a = () => 'only-in-a';\n",
      // A top-level call: esbuild must assume it has effects unless told our modules have none.
      'src/entry/b.ts': [
        'const wrap = (text: string) => [text];',
        "const table = wrap('only-in-b');",
        'export const b = () => table[0];',
      ].join('\n'),
    });
    const reports = await buildFunctions({ root: dir, outdir: join(dir, 'dist') });
    const code = (key: string) => readFileSync(join(dir, 'dist', key, 'index.js'), 'utf8');
    expect(reports.map((r) => r.key)).toEqual(['a', 'b']);
    expect(code('a')).toContain('only-in-a');
    expect(code('a')).not.toContain('only-in-b');
    expect(code('b')).toContain('only-in-b');
    expect(code('b')).not.toContain('only-in-a');
  });
});

describe('buildFunctions refuses', () => {
  it('a handler that imports the local runtime', async () => {
    const dir = fixture({
      'manifest.yml': manifestFor('index.run'),
      'src/index.ts': "import { emulate } from './local/emulator.js';\nexport const run = () => emulate();\n",
      'src/local/emulator.ts': 'export const emulate = () => 1;\n',
    });
    await expect(buildFunctions({ root: dir, outdir: join(dir, 'dist') })).rejects.toThrow(
      /function fn: the bundle includes code that must never be deployed: src\/local\/emulator\.ts/,
    );
  });

  it('a handler file that does not exist', async () => {
    const dir = fixture({ 'manifest.yml': manifestFor('missing.run'), 'src/index.ts': 'export const run = 1;\n' });
    await expect(buildFunctions({ root: dir, outdir: join(dir, 'dist') })).rejects.toThrow(BuildError);
    await expect(buildFunctions({ root: dir, outdir: join(dir, 'dist') })).rejects.toThrow(/src\/missing/);
  });

  it('a handler export that does not exist', async () => {
    const dir = fixture({ 'manifest.yml': manifestFor('index.run'), 'src/index.ts': 'export const walk = 1;\n' });
    await expect(buildFunctions({ root: dir, outdir: join(dir, 'dist') })).rejects.toThrow(
      /handler 'index\.run': src\/index\.ts has no export 'run'/,
    );
  });

  it('a handler that src/index.ts re-exports from a file that lacks it (esbuild alone would build it)', async () => {
    const dir = fixture({
      'manifest.yml': manifestFor('index.run'),
      'src/index.ts': "export { run } from './entry/run.js';\n",
      'src/entry/run.ts': 'export const walk = () => 1;\n',
    });
    await expect(buildFunctions({ root: dir, outdir: join(dir, 'dist') })).rejects.toThrow(
      /handler 'index\.run': the bundle exports 'run' as undefined, not a function/,
    );
  });

  it('a bundle that throws while loading', async () => {
    const dir = fixture({
      'manifest.yml': manifestFor('index.run'),
      'src/index.ts': "export function run() {}\nthrow new TypeError('no globals here');\n",
    });
    await expect(buildFunctions({ root: dir, outdir: join(dir, 'dist') })).rejects.toThrow(
      /function fn: the bundle does not load in Node: TypeError: no globals here/,
    );
  });
});
