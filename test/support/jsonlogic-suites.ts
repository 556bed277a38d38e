import { readFileSync } from 'node:fs';

/** The JSON Logic conformance data in ../shared (read in place, never copied; see its SOURCES.md). */
export const SUITES_DIR = new URL('../../../shared/conformance/jsonlogic/', import.meta.url);

export type SuiteCase = {
  suite: string;
  description: string;
  rule: unknown;
  data: unknown;
} & ({ result: unknown } | { error: { type: string } });

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, SUITES_DIR), 'utf8'));
}

/** tests.json: section comments as strings, cases as [rule, data, expected]. */
export function officialSuite(): { rule: unknown; data: unknown; expected: unknown; section: string }[] {
  const out = [];
  let section = '';
  for (const entry of readJson('tests.json') as unknown[]) {
    if (typeof entry === 'string') section = entry;
    else {
      const [rule, data, expected] = entry as [unknown, unknown, unknown];
      out.push({ rule, data, expected, section });
    }
  }
  return out;
}

/** The compat-tables suites in index.json's order, then community-extra's; `data` defaults to {} as SOURCES.md says. */
export function compatSuites(): { suite: string; cases: SuiteCase[] }[] {
  const files = (readJson('compat-tables/index.json') as string[]).map((f) => ({ suite: f, path: `compat-tables/${f}` }));
  for (const f of ['escaping.json', 'empty-objects.json', 'leaf-coercion-proposal.json']) {
    files.push({ suite: `community-extra/${f}`, path: `community-extra/${f}` });
  }
  return files.map(({ suite, path }) => ({
    suite,
    cases: (readJson(path) as unknown[])
      .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
      .map((entry) => ({ ...entry, suite, data: entry['data'] ?? {} }) as SuiteCase),
  }));
}
