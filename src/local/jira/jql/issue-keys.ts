import { sign, type PrepareResult, type SortKey, type Unit } from './domains.js';
import type { JqlIssue } from './types.js';

const KEY = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/;

function split(key: string): { project: string; number: number } | null {
  const match = KEY.exec(key);
  return match?.[1] && match[2] ? { project: match[1].toUpperCase(), number: Number(match[2]) } : null;
}

/**
 * `key` takes an issue key (any case) or a numeric issue id. Ordered comparisons stay inside the value's
 * project, as Jira's do: `key > ENG-5` is ENG-6 and later, never an issue of another project.
 */
export function keyPrepare(unit: Unit, label: string): PrepareResult {
  if (unit.kind === 'number') {
    const id = unit.value;
    return { equals: (issue) => issue.id === id };
  }
  const target = unit.kind === 'string' ? split(unit.value) : null;
  if (target === null) {
    const shown = unit.kind === 'string' ? unit.value : '';
    return { error: `The issue key '${shown}' for field '${label}' is invalid.` };
  }
  const compare = (issue: JqlIssue): number | null => {
    const own = split(issue.key);
    return own?.project === target.project ? sign(own.number - target.number) : null;
  };
  return { equals: (issue) => compare(issue) === 0, compare };
}

/** Project key, then number: ENG-9 before ENG-10, as Jira orders keys. */
export function keySortKey(issue: JqlIssue): SortKey {
  const own = split(issue.key);
  return own ? [own.project, own.number] : [issue.key.toUpperCase(), 0];
}
