import { readdirSync, readFileSync } from 'node:fs';
import { baseRules, validationCases } from '../../test/support/rule-vectors.js';

/**
 * The rule documents mutations start from: the shipped examples (rules/*.json), the validation vectors (valid and
 * invalid: a mutation of an invalid rule may become valid, and the other way round) and the hostile-rule vectors
 * that need no data builder. Read once; callers get copies.
 */
export type Seeds = { valid: readonly unknown[]; all: readonly unknown[] };

const root = new URL('../../', import.meta.url);

function readJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}

function exampleRules(): unknown[] {
  const dir = new URL('rules/', root);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readJson(new URL(name, dir)));
}

/** test/vectors/logic/hostile-rules.json's rules, except those written with builders ({"$range": n}, ...). */
function hostileRules(): unknown[] {
  const entries = readJson(new URL('test/vectors/logic/hostile-rules.json', root)) as unknown[];
  const out: unknown[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null || !('rule' in entry)) continue;
    const { rule } = entry;
    if (!/"\$[a-zA-Z]+":/.test(JSON.stringify(rule))) out.push(rule);
  }
  return out;
}

let cached: Seeds | undefined;

export function seeds(): Seeds {
  if (cached !== undefined) return cached;
  const cases = validationCases();
  const valid = [...exampleRules(), ...Object.values(baseRules), ...cases.filter((c) => c.issues.length === 0).map((c) => c.document)];
  const all = [...valid, ...cases.filter((c) => c.issues.length > 0).map((c) => c.document), ...hostileRules()];
  cached = { valid, all };
  return cached;
}
