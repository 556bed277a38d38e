import type { RuleBundle } from '../../contract/resolver-contract.js';
import type { ValidationIssue } from '../../core/rule/issue-codes.js';
import { validateRule } from '../../core/rule/validate.js';
import { MAX_BATCH_ITEMS, MAX_PAGE, type StoragePort } from '../../ports/storage.js';
import { parseStored, RULE_ENTITY, versionRef, type RuleHead, type StoredVersion } from './rule-records.js';

/**
 * Every rule's current document, by name: heads a page at a time, their versions in batches. Documents are the
 * validated ones (defaults applied), so a bundle imports back to the same rules.
 */
export async function exportRules(storage: StoragePort, now: number): Promise<RuleBundle> {
  const rules: RuleBundle['rules'] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.query<RuleHead>({ entity: RULE_ENTITY, index: 'by-name', limit: MAX_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    const heads = page.items.map((item) => item.value);
    for (let i = 0; i < heads.length; i += MAX_BATCH_ITEMS) {
      const stored = await storage.getMany<StoredVersion>(heads.slice(i, i + MAX_BATCH_ITEMS).map((head) => versionRef(head.ruleId, head.version)));
      // A version missing under its head is a rule deleted while the export read it: it is simply not exported.
      for (const version of stored) if (version !== undefined) rules.push(parseStored(version).document);
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return { format: 'ruleforge-rules', formatVersion: 1, exportedAt: new Date(now).toISOString(), rules };
}

/**
 * All the problems of a set of documents to import, each path prefixed with the document's index (`/3/trigger/cron`),
 * plus ids used twice. Empty means every document may be written.
 */
export function bundleIssues(documents: readonly unknown[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const firstIndex = new Map<string, number>();
  documents.forEach((document, index) => {
    const result = validateRule(document);
    if (!result.ok) {
      issues.push(...result.issues.map((issue) => ({ ...issue, path: `/${String(index)}${issue.path}` })));
      return;
    }
    const seen = firstIndex.get(result.rule.id);
    if (seen === undefined) firstIndex.set(result.rule.id, index);
    else issues.push({ path: `/${String(index)}/id`, code: 'DUPLICATE_VALUE', message: `The id "${result.rule.id}" is already used by rule ${String(seen + 1)} of this import.` });
  });
  return issues;
}
