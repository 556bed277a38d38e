// The ceiling of workload B: each rule of rules/ written by hand as plain TypeScript, computing the same `let` values
// and `when` result as the rule does under json-logic-js (the bench checks every input, like every contender's). It is
// what a developer would write for Jira's field types (priority and assignee may be null, labels and components are
// lists), with no interpretation at all: no JSON-Logic evaluator can run these rules faster, so its ratio to
// json-logic-js bounds what any evaluator's ratio can be under this method. Dates use the engine's own ISO parser
// (src/core/logic/dates.ts, the fastest correct one here); `matches` a native RegExp, as the peers' does.
import { toEpochMs } from '../../src/core/logic/dates.js';
import type { BenchRule, ChangelogItem, RuleData } from './contexts.js';
import type { Compiled, Evaluator } from './rule-runner.js';

type User = { accountId: string } | null;
type Fields = {
  summary: string;
  status: { name: string; statusCategory: { key: string } };
  priority: { name: string } | null;
  labels: string[];
  components: { name: string }[];
  fixVersions?: unknown[] | null;
  assignee: User;
  reporter: User;
  created: string;
  updated: string;
};
type Hand = (data: RuleData) => unknown;
type HandRule = { let?: Record<string, Hand>; when: Hand };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const fieldsOf = (data: RuleData): Fields => data.issue.fields as unknown as Fields;

/** daysSince / hoursSince: null when the value is not a date or `now` is not a number. */
function since(data: RuleData, value: string, unit: number): number | null {
  const then = toEpochMs(value);
  return then === null || typeof data.now !== 'number' ? null : (data.now - then) / unit;
}

/** changedFrom / changedTo with text values: an item about `field` whose text or id is one of `values`. */
function changedAmong(items: readonly ChangelogItem[] | undefined, field: string, side: 'from' | 'to', values: readonly string[]): boolean {
  if (items === undefined) return false;
  for (const item of items) {
    if (item.field !== field && item.fieldId !== field) continue;
    const raw = side === 'from' ? item.from : item.to;
    const shown = side === 'from' ? item.fromString : item.toString;
    for (const value of values) if (raw === value || shown === value) return true;
  }
  return false;
}

const CVE = /cve-[0-9]{4}-[0-9]{4,7}/;
const REOPENED_FROM = ['Done', 'Resolved', 'Closed'];
const RESOLVED_TO = ['Done', 'Fixed'];
const MISSING_FIX_VERSIONS = 'issue.fields.fixVersions';

export const HAND_WRITTEN_RULES: Record<string, HandRule> = {
  'auto-assign-bugs-by-component': {
    let: {
      componentNames: (d) => {
        const components = fieldsOf(d).components;
        const names = new Array<unknown>(components.length);
        for (let i = 0; i < components.length; i++) names[i] = components[i]?.name ?? null;
        return names;
      },
      owner: (d) => {
        const names = d.let['componentNames'] as unknown[];
        if (names.includes('Payments')) return '5b10ac8d82e05b22cc7d4ef5';
        if (names.includes('Mobile App')) return '5c2f9e7a1b3d4c0012a8e6f1';
        return names.includes('Storefront') ? '5d8e3b6c2a1f4e0019c7b2d4' : null;
      },
    },
    when: (d) => !fieldsOf(d).assignee && Boolean(d.let['owner']),
  },
  'clear-needs-info-on-reporter-reply': {
    when: (d) => {
      const fields = fieldsOf(d);
      return d.comment?.author.accountId === fields.reporter?.accountId && fields.labels.includes('needs-info');
    },
  },
  'comment-when-reopened': {
    let: {
      previousStatus: (d) => {
        let previous: string | null = null;
        for (const item of d.changelog?.items ?? []) if (item.field === 'status') previous = item.fromString;
        return previous;
      },
    },
    when: (d) => changedAmong(d.changelog?.items, 'status', 'from', REOPENED_FROM) && fieldsOf(d).status.statusCategory.key !== 'done',
  },
  'escalate-stale-blockers': {
    let: {
      idleDays: (d) => since(d, fieldsOf(d).updated, DAY_MS),
      // JavaScript's arithmetic, as json-logic-js's: a null idleDays counts as 0.
      wholeIdleDays: (d) => {
        const idle = (d.let['idleDays'] as number | null) ?? 0;
        return idle - (idle % 1);
      },
    },
    when: (d) => {
      const idle = d.let['idleDays'] as number | null;
      return idle !== null && idle >= 3 && fieldsOf(d).priority?.name !== 'Highest';
    },
  },
  'flag-cve-security-issues': {
    when: (d) => {
      const summary = fieldsOf(d).summary;
      return typeof summary === 'string' && CVE.test(summary.toLowerCase());
    },
  },
  'flag-urgent-customer-comment': {
    let: {
      fromCustomer: (d) => {
        const author = d.comment?.author.accountId;
        return (typeof author === 'string' && author.startsWith('qm:')) || author === fieldsOf(d).reporter?.accountId;
      },
    },
    when: (d) => {
      if (d.let['fromCustomer'] !== true) return false;
      const body = d.comment?.body;
      if (typeof body !== 'string' || !body.toLowerCase().includes('urgent')) return false;
      const priority = fieldsOf(d).priority?.name;
      return priority !== 'Highest' && priority !== 'High';
    },
  },
  'label-missing-fix-version': {
    when: (d) => {
      if (!changedAmong(d.changelog?.items, 'resolution', 'to', RESOLVED_TO)) return false;
      const versions = fieldsOf(d).fixVersions;
      // `missing` yields the list of missing paths, and `or` returns it when it is not empty.
      return versions === undefined || versions === null ? [MISSING_FIX_VERSIONS] : versions.length === 0;
    },
  },
  'own-highest-priority-issues': {
    when: (d) => {
      const fields = fieldsOf(d);
      return fields.priority?.name === 'Highest' && !fields.assignee;
    },
  },
  'reassign-from-departed-user': {
    when: (d) => {
      const fields = fieldsOf(d);
      return fields.assignee?.accountId === '5f1b7d3e9c4a2b0033e8f5a7' && fields.status.statusCategory.key !== 'done';
    },
  },
  'record-time-in-status': {
    let: { ageHours: (d) => since(d, fieldsOf(d).created, HOUR_MS) },
    when: (d) => {
      const key = fieldsOf(d).status.statusCategory.key;
      return key === 'indeterminate' || key === 'done';
    },
  },
  'start-progress-when-self-assigned': {
    when: (d) => {
      const fields = fieldsOf(d);
      const assignee = fields.assignee?.accountId;
      return Boolean(assignee) && d.event?.actorAccountId === assignee && fields.status.statusCategory.key === 'new';
    },
  },
  'triage-missing-priority': {
    when: (d) => !fieldsOf(d).priority?.name,
  },
  'weekly-sla-sweep': {
    let: {
      ageDays: (d) => since(d, fieldsOf(d).created, DAY_MS),
      targetDays: (d) => {
        const priority = fieldsOf(d).priority?.name;
        return priority === 'Highest' ? 1 : priority === 'High' ? 3 : 10;
      },
      overdueDays: (d) => ((d.let['ageDays'] as number | null) ?? 0) - (d.let['targetDays'] as number),
    },
    when: (d) => (d.let['overdueDays'] as number) > 0 && !fieldsOf(d).labels.includes('sla-breached'),
  },
};

/**
 * The hand-written rules as a contender: `compile` hands back the function written for that expression (looked up by
 * the expression object itself), so they run through the same harness as every evaluator.
 */
export function handWritten(rules: readonly BenchRule[]): Evaluator {
  const written = new Map<unknown, Compiled>();
  for (const rule of rules) {
    const hand = HAND_WRITTEN_RULES[rule.id];
    if (hand === undefined) throw new Error(`no hand-written version of ${rule.id}`);
    for (const [name, logic] of Object.entries(rule.let ?? {})) {
      const fn = hand.let?.[name];
      if (fn === undefined) throw new Error(`no hand-written let.${name} for ${rule.id}`);
      written.set(logic, fn as Compiled);
    }
    written.set(rule.when, hand.when as Compiled);
  }
  return {
    name: 'hand-written JavaScript (ceiling)',
    compile(logic) {
      const fn = written.get(logic);
      if (fn === undefined) throw new Error('the hand-written contender only runs the expressions of rules/');
      return fn;
    },
  };
}
