/** The most documents one `rules.import` takes (the contract's limit). */
export const IMPORT_LIMIT = 100;

export type ImportInput = { ok: true; documents: unknown[] } | { ok: false; message: string };

/**
 * What an admin pasted or chose, as the documents to import: an export bundle (`{format: 'ruleforge-rules',
 * rules}`) or a plain array of rule documents. The documents themselves are validated by the backend, all at once.
 */
export function importInput(text: string): ImportInput {
  if (text.trim() === '') return { ok: false, message: 'Choose a file or paste the JSON to import.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `This is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const documents = Array.isArray(parsed) ? parsed : bundleRules(parsed);
  if (documents === null) return { ok: false, message: 'Expected an export bundle ({"format": "ruleforge-rules", "rules": [...]}) or an array of rule documents.' };
  if (documents.length === 0) return { ok: false, message: 'There are no rules in it.' };
  if (documents.length > IMPORT_LIMIT) {
    return { ok: false, message: `An import takes at most ${IMPORT_LIMIT} rules; this has ${documents.length}. Split it into files of ${IMPORT_LIMIT} or fewer.` };
  }
  return { ok: true, documents };
}

function bundleRules(value: unknown): unknown[] | null {
  if (value === null || typeof value !== 'object') return null;
  const bundle = value as Record<string, unknown>;
  return bundle.format === 'ruleforge-rules' && Array.isArray(bundle.rules) ? bundle.rules : null;
}

/** An issue of the import (`/<index>/<pointer>`) as "rule N (/pointer): message", N counting from 1. */
export function importIssueWords(issue: { path: string; message: string }): string {
  const match = /^\/(\d+)(\/.*)?$/.exec(issue.path);
  if (match === null) return issue.path === '' || issue.path === '/' ? issue.message : `${issue.path}: ${issue.message}`;
  const n = Number(match[1]) + 1;
  const pointer = match[2];
  return pointer === undefined ? `rule ${n}: ${issue.message}` : `rule ${n} (${pointer}): ${issue.message}`;
}
