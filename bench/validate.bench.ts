// `npm run bench`: validation throughput, printed as figures and as ratios against peers measured in the same run.
// Peers: zod's structural parse alone (what a plain zod model gives) and ajv compiled from our JSON Schema (what an
// editor or a generic JSON Schema tool gives). Neither checks semantics (operators, paths, cron, patterns); the
// ratios show what those checks cost. The code measured is bundled by esbuild as `npm run build` bundles it for
// Forge, not run through tsx (whose keep-names helpers would inflate every closure).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { HOSTILE_LONG } from '../test/support/hostile-patterns.js';
import { validationCases } from '../test/support/rule-vectors.js';

type Bundle = {
  validateRule: (doc: unknown) => { ok: boolean };
  checkPattern: (pattern: string) => { ok: boolean };
  re2Compile: (pattern: string) => unknown;
  zodParse: (doc: unknown) => unknown;
  ajvCheck: (doc: unknown) => boolean;
};

async function loadBundle(): Promise<Bundle> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'ruleforge-bench-')), 'bench.mjs');
  await build({
    stdin: {
      contents: `
        import { Ajv } from 'ajv';
        import { RE2JS } from 're2js';
        import { validateRule } from './src/core/rule/validate.ts';
        import { checkPattern } from './src/core/logic/pattern-safety.ts';
        export { checkPattern };
        export const re2Compile = (p) => RE2JS.compile(p);
        import { ruleSchema } from './src/core/rule/rule-schema.ts';
        import { ruleJsonSchema } from './src/core/rule/json-schema.ts';
        export { validateRule };
        export const zodParse = (d) => ruleSchema.safeParse(d);
        export const ajvCheck = new Ajv({ allErrors: true, strict: false }).compile(ruleJsonSchema());`,
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    outfile,
    logLevel: 'error',
    // ajv is CommonJS; give the ESM bundle a require for its internals.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return (await import(pathToFileURL(outfile).href)) as Bundle;
}

/** CPU time of this process in ms: unlike wall time, it does not count the time a busy or shared machine steals. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Calls per CPU second of `fn` over `docs` round-robin, for about `ms` milliseconds of CPU time. */
function rate(docs: unknown[], fn: (doc: unknown) => unknown, ms: number): number {
  let count = 0;
  const start = cpuMs();
  while (cpuMs() - start < ms) {
    for (let i = 0; i < 20; i++) fn(docs[(count + i) % docs.length]);
    count += 20;
  }
  return count / ((cpuMs() - start) / 1000);
}

/**
 * This machine's speed drifts by several times within a minute, so the contenders are measured in interleaved
 * slices (each slice runs every contender once, in turn) and each one's median slice is reported: drift then hits
 * all of them alike and the ratios hold. A warm-up of the same length comes first (V8 optimises after thousands of
 * calls).
 */
function compare(docs: unknown[], contenders: [string, (doc: unknown) => unknown][], slices = 21, sliceMs = 60): [string, number][] {
  for (const [, fn] of contenders) rate(docs, fn, sliceMs * 5);
  const samples = contenders.map(() => [] as number[]);
  for (let s = 0; s < slices; s++) contenders.forEach(([, fn], i) => samples[i]?.push(rate(docs, fn, sliceMs)));
  return contenders.map(([name], i) => {
    const sorted = [...(samples[i] ?? [])].sort((a, b) => a - b);
    return [name, sorted[Math.floor(sorted.length / 2)] ?? 0];
  });
}

const rulesDir = new URL('../rules/', import.meta.url);
const examples = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, rulesDir), 'utf8')) as unknown);
const cases = validationCases();
const invalid = cases.filter((c) => c.issues.length > 0).map((c) => c.document);
const valid = [...examples, ...cases.filter((c) => c.issues.length === 0).map((c) => c.document)];

const { validateRule, zodParse, ajvCheck, checkPattern, re2Compile } = await loadBundle();
const rows: [string, string, number][] = [];
for (const [setName, docs] of [['valid', valid], ['invalid', invalid], ['examples (rules/)', examples]] as const) {
  const results = compare(docs, [['ruleforge validateRule', validateRule], ['zod safeParse only', zodParse], ['ajv (JSON Schema)', ajvCheck]]);
  for (const [name, r] of results) rows.push([setName, name, r]);
}

// `matches` patterns: the save-time safety check against compiling the pattern with RE2 (what every run does anyway).
const realistic = ['^[A-Z][A-Z0-9]+-\\d+$', '^\\d+\\.\\d+\\.\\d+$', '(?:^|\\s)urgent(?:\\s|$)', 'cve-[0-9]{4}-[0-9]{4,7}', '^[a-z]+(-[a-z]+)*$'];
const compileRe2 = (p: unknown): void => {
  try {
    re2Compile(p as string);
  } catch {
    // RE2 refuses some hostile patterns; the time to refuse is what counts.
  }
};
for (const [setName, patterns] of [['realistic patterns', realistic], ['hostile 500-char', HOSTILE_LONG]] as const) {
  const results = compare(patterns, [['ruleforge checkPattern', (p) => checkPattern(p as string)], ['re2js compile', compileRe2]], 11);
  for (const [name, r] of results) rows.push([setName, name, r]);
}

console.log(`documents: ${valid.length} valid (${examples.length} example rules), ${invalid.length} invalid; node ${process.version}`);
console.log('set'.padEnd(20) + 'check'.padEnd(26) + 'per s'.padStart(12) + 'µs each'.padStart(10) + '  rate vs ruleforge');
for (const [setName, name, perSecond] of rows) {
  const ours = rows.find((r) => r[0] === setName && r[1].startsWith('ruleforge'))?.[2] ?? perSecond;
  console.log(
    setName.padEnd(20) + name.padEnd(26) + Math.round(perSecond).toLocaleString('en-US').padStart(12) +
      (1e6 / perSecond).toFixed(1).padStart(10) + `  ${(perSecond / ours).toFixed(2)}x`,
  );
}
