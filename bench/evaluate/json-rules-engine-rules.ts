// rules/ translated by hand to json-rules-engine conditions (all/any/not of fact, path, operator, value), where that
// can be done without writing the rule's logic in JavaScript. Facts are the top-level keys of the rule data (issue,
// changelog, comment, event, ...); paths are JSONPath, as json-rules-engine resolves them by default. `changedFrom`
// and `changedTo` are registered as custom operators, as the Jira operators are registered on the other peers.
import type { TopLevelCondition } from 'json-rules-engine';

/** Where a translation is not word for word (the bench asserts that the decisions agree on the corpus). */
export const TRANSLATION_NOTES = [
  'json-rules-engine compares with === and has no truthiness test: `{"!": field}` becomes `equal null`, and `{"!!": assignee.accountId}` becomes `notEqual null` on `assignee`; on the generated data these fields are null or an object with the compared property, so the decisions are the same.',
  '`==`/`!=` become `equal`/`notEqual` (strict): every compared value is a string.',
  '`missing` or an empty `fixVersions` becomes `fixVersions equal null` or `fixVersions.length equal 0` (a JSONPath on the array).',
];

export const JSON_RULES_ENGINE_RULES: Record<string, TopLevelCondition> = {
  'clear-needs-info-on-reporter-reply': {
    all: [
      { fact: 'comment', path: '$.author.accountId', operator: 'equal', value: { fact: 'issue', path: '$.fields.reporter.accountId' } },
      { fact: 'issue', path: '$.fields.labels', operator: 'contains', value: 'needs-info' },
    ],
  },
  'label-missing-fix-version': {
    all: [
      {
        any: [
          { fact: 'changelog', operator: 'changedTo', value: ['resolution', 'Done'] },
          { fact: 'changelog', operator: 'changedTo', value: ['resolution', 'Fixed'] },
        ],
      },
      {
        any: [
          { fact: 'issue', path: '$.fields.fixVersions', operator: 'equal', value: null },
          { fact: 'issue', path: '$.fields.fixVersions.length', operator: 'equal', value: 0 },
        ],
      },
    ],
  },
  'own-highest-priority-issues': {
    all: [
      { fact: 'issue', path: '$.fields.priority.name', operator: 'equal', value: 'Highest' },
      { fact: 'issue', path: '$.fields.assignee', operator: 'equal', value: null },
    ],
  },
  'reassign-from-departed-user': {
    all: [
      { fact: 'issue', path: '$.fields.assignee.accountId', operator: 'equal', value: '5f1b7d3e9c4a2b0033e8f5a7' },
      { fact: 'issue', path: '$.fields.status.statusCategory.key', operator: 'notEqual', value: 'done' },
    ],
  },
  'start-progress-when-self-assigned': {
    all: [
      { fact: 'issue', path: '$.fields.assignee', operator: 'notEqual', value: null },
      { fact: 'event', path: '$.actorAccountId', operator: 'equal', value: { fact: 'issue', path: '$.fields.assignee.accountId' } },
      { fact: 'issue', path: '$.fields.status.statusCategory.key', operator: 'equal', value: 'new' },
    ],
  },
  'triage-missing-priority': {
    all: [{ fact: 'issue', path: '$.fields.priority', operator: 'equal', value: null }],
  },
};

/** The rules json-rules-engine cannot express, and why. */
export const NOT_EXPRESSIBLE: Record<string, string> = {
  'auto-assign-bugs-by-component': '`let` maps components to names and picks an owner with `if`; conditions compute no values',
  'comment-when-reopened': '`let` folds the changelog with `filter`/`reduce` (its `when` alone would fit, with a custom operator)',
  'escalate-stale-blockers': 'date arithmetic (`daysSince`, `-`, `%`) on a field before comparing',
  'flag-cve-security-issues': '`matches` on `lower(summary)`: a value transformed before the test',
  'flag-urgent-customer-comment': '`lower(comment.body)` before `contains`, and a `let` used as a condition',
  'record-time-in-status': '`let` computes `hoursSince(created)` (its `when` alone would fit)',
  'weekly-sla-sweep': 'date arithmetic and an `if` that picks a target per priority',
};
