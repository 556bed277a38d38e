// Test support for the editor's component tests: heads, answers and the README's example rule.
import type { RuleHead } from '../../../app/rules/rule-records.js';
import type { IssueRunResult } from '../../../app/schedule/manual-run.js';
import type { Rule } from '../../../core/rule/rule-schema.js';

export function headOf(document: Record<string, unknown>, version: number): RuleHead {
  return {
    ruleId: String(document.id), name: String(document.name), nameKey: String(document.name).toLowerCase(), enabled: true, version,
    triggerType: 'event', updatedAt: '2026-03-02T09:00:00.000Z', updatedBy: 'acc-admin',
  };
}

export const asRule = (document: Record<string, unknown>): Rule => document as unknown as Rule;

/** The README's rule, as the form writes it (no $schema; enabled as a new rule's checkbox leaves it). */
export const README_RULE = {
  schemaVersion: 1,
  id: 'comment-when-reopened',
  name: 'Comment when a resolved issue is reopened',
  enabled: true,
  trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['status'] },
  when: { changedFrom: ['status', 'Done'] },
  actions: [
    { type: 'comment', body: 'Reopened after being Done: please say what changed.' },
    { type: 'addLabels', labels: ['reopened'] },
  ],
};

export const DRY_RUN: IssueRunResult = {
  ruleId: 'comment-when-reopened', ruleVersion: null, issueKey: 'OPS-7', dryRun: true, decision: 'matched',
  let: { previousStatus: 'Done' },
  actions: [
    { type: 'comment', body: 'This issue was reopened: it moved from Done back to In Progress.', summary: 'comment "This issue was reopened: it moved from Done…"' },
    { type: 'addLabels', labels: ['reopened'], summary: 'add label reopened' },
  ],
  trace: {
    let: { previousStatus: { op: 'reduce', path: '', args: [], result: 'Done' } },
    when: {
      op: 'and', path: '', args: [true, false], result: false,
      children: [
        { op: 'changedFrom', path: '/and/0', args: ['status', 'Done'], result: true },
        { op: '!=', path: '/and/1', args: ['done', 'done'], result: false, children: [{ op: 'var', path: '/and/1/!=/0', args: ['issue.fields.status.statusCategory.key'], result: 'done' }] },
      ],
    },
    actions: [{ '/body': { op: 'cat', path: '', args: ['This issue was reopened'], result: 'This issue was reopened: it moved from Done back to In Progress.' } }],
  },
  error: null, executionId: null, status: null,
};
