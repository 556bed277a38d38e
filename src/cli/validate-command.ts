import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ValidationIssue } from '../core/rule/issue-codes.js';
import type { CliIo } from './io.js';
import { checkRuleText, formatIssue } from './rule-file.js';

export type ValidateArgs = { paths: string[]; json: boolean };
export type FileReport = { file: string; ok: boolean; issues: ValidationIssue[] };

/**
 * `ruleforge validate <file|dir>... [--json]`. Exit 0 when every file is a valid rule, 1 when any is not,
 * 2 when the command itself cannot do its job (no paths, a path that does not exist, nothing to validate,
 * an unreadable file), so CI can tell "your rules are wrong" from "you called it wrong".
 */
export function validateCommand(args: ValidateArgs, io: CliIo): number {
  if (args.paths.length === 0) {
    io.stderr('ruleforge validate: give one or more rule files or directories. See "ruleforge --help".');
    return 2;
  }
  const found = collectFiles(args.paths);
  for (const problem of found.problems) io.stderr(`ruleforge validate: ${problem}`);
  if (found.problems.length > 0) return 2;
  if (found.files.length === 0) {
    // Like eslint: an empty match is more often a wrong path than a repository with no rules.
    io.stderr(`ruleforge validate: no .json files found in ${args.paths.join(', ')}.`);
    return 2;
  }

  const texts: { file: string; text: string }[] = [];
  for (const file of found.files) {
    try {
      texts.push({ file, text: readFileSync(file, 'utf8') });
    } catch (err) {
      io.stderr(`ruleforge validate: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      return 2;
    }
  }

  const ids: (string | undefined)[] = [];
  const reports = texts.map(({ file, text }): FileReport => {
    const result = checkRuleText(text);
    ids.push(result.ok ? result.rule.id : undefined);
    return result.ok ? { file, ok: true, issues: [] } : { file, ok: false, issues: result.issues };
  });
  markDuplicateIds(reports, ids);

  if (args.json) {
    io.stdout(JSON.stringify(reports, null, 2));
  } else {
    for (const report of reports) {
      if (report.ok) io.stdout(`${report.file}: ok`);
      for (const issue of report.issues) io.stdout(formatIssue(report.file, issue));
    }
  }
  const invalid = reports.filter((r) => !r.ok).length;
  const files = reports.length === 1 ? '1 file' : `${reports.length} files`;
  io.stderr(`${files}, ${reports.length - invalid} valid, ${invalid} invalid`);
  return invalid === 0 ? 0 : 1;
}

/**
 * Ids are unique per site, and a directory of rules is usually one site's rules: importing both files would
 * make one overwrite the other, so the second and later files with an id are invalid here.
 */
function markDuplicateIds(reports: FileReport[], ids: (string | undefined)[]): void {
  const firstFileById = new Map<string, string>();
  reports.forEach((report, i) => {
    const id = ids[i];
    if (!report.ok || id === undefined) return;
    const first = firstFileById.get(id);
    if (first === undefined) {
      firstFileById.set(id, report.file);
      return;
    }
    report.ok = false;
    report.issues.push({ path: '/id', code: 'DUPLICATE_VALUE', message: `The id "${id}" is already used by ${first}; give each rule its own id.` });
  });
}

/** Expands directories into their *.json files, depth first in code-point order so output is stable everywhere. */
function collectFiles(paths: string[]): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(file);
    if (!seen.has(key)) files.push(file);
    seen.add(key);
  };
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) problems.push(`${path}: no such file or directory.`);
    else if (stat.isDirectory()) walk(path, add);
    else if (stat.isFile()) add(path);
    else problems.push(`${path}: not a file or directory.`);
  }
  return { files, problems };
}

function walk(dir: string, add: (file: string) => void): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // node_modules holds other people's JSON; dot-directories (.git, .vscode, .ruleforge) hold tool state.
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path, add);
    } else if (entry.name.endsWith('.json') && statSync(path, { throwIfNoEntry: false })?.isFile() === true) {
      add(path);
    }
  }
}
