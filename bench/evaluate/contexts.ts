// What each rule of rules/ reads when it runs (spec, "What a rule reads"): the generated issues wrapped in what the
// rule's trigger delivers. An updated-issue rule sees a changelog (with one of its trigger `fields`, since the
// trigger filters on them), a commented-issue rule a comment, a scheduled rule its schedule, a manual rule neither.
import { readdirSync, readFileSync } from 'node:fs';
import { AGENTS, CUSTOMERS, DEFAULT_SEED, NOW, RESOLUTIONS, STATUSES, createRng, jiraTime, type Issue, type JiraUser, type Rng } from './corpus.js';

export type Trigger = { type: 'event'; events: string[]; fields?: string[] } | { type: 'schedule' } | { type: 'manual' };
export type BenchRule = { id: string; trigger: Trigger; let?: Record<string, unknown>; when?: unknown };

export type ChangelogItem = {
  field: string; fieldtype: string; fieldId: string;
  from: string | null; fromString: string | null; to: string | null; toString: string | null;
};
export type RuleData = {
  issue: Issue;
  changelog: { id: string; items: ChangelogItem[] } | null;
  comment: { id: string; author: { accountId: string; displayName: string }; body: string; created: string } | null;
  event: { type: string; actorAccountId: string } | null;
  schedule: { dueAt: string; firedAt: string } | null;
  now: number;
  rule: { id: string; version: number };
  let: Record<string, unknown>;
};

const RULES_DIR = new URL('../../rules/', import.meta.url);

/** The example rules, sorted by file name. Only what evaluation needs is kept; `npm test` validates them in full. */
export function loadRules(): BenchRule[] {
  return readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const doc = JSON.parse(readFileSync(new URL(f, RULES_DIR), 'utf8')) as BenchRule;
      return { id: doc.id, trigger: doc.trigger, ...(doc.let ? { let: doc.let } : {}), ...('when' in doc ? { when: doc.when } : {}) };
    });
}

const COMMENTS = [
  'Could you also send the browser version?', 'It happens in Firefox 132 too, screenshot attached.', 'Thanks!',
  'Steps: add two items, apply code WINTER, pay by card.', 'Looks good to me.', 'Here is the copy.',
];
const URGENT_COMMENTS = ['Any update? This is getting urgent for us.', 'URGENT: our shop is down since this morning', 'Customer says this is urgent, investigating now.'];
const PRIORITY_NAMES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];

type Named = { id?: string; name?: string; accountId?: string; displayName?: string } | null;
const item = (field: string, from: Named, to: Named): ChangelogItem => ({
  field, fieldtype: 'jira', fieldId: field,
  from: from?.id ?? from?.accountId ?? null, fromString: from?.name ?? from?.displayName ?? null,
  to: to?.id ?? to?.accountId ?? null, toString: to?.name ?? to?.displayName ?? null,
});

/** A changelog item for `field` that ends in the issue's current value. */
function changeOf(rng: Rng, field: string, fields: Record<string, unknown>): ChangelogItem {
  const current: Named = (fields[field] as Named | undefined) ?? null;
  switch (field) {
    case 'status':
      return item(field, rng.pick(STATUSES.filter((s) => s.name !== current?.name)), current);
    case 'resolution':
      // Resolved now (from nothing), or reopened (from a resolution to nothing).
      return current ? item(field, null, current) : item(field, rng.pick(RESOLUTIONS), null);
    case 'priority':
    {
      const name = rng.pick(PRIORITY_NAMES.filter((p) => p !== current?.name));
      return item(field, rng.chance(0.2) ? null : { id: String(PRIORITY_NAMES.indexOf(name) + 1), name }, current);
    }
    case 'assignee':
      return item(field, rng.chance(0.3) ? null : rng.pick(AGENTS), current);
    default:
      return { field, fieldtype: 'jira', fieldId: field, from: null, fromString: 'before', to: null, toString: 'after' };
  }
}

function changelogFor(rng: Rng, issue: Issue, wanted: readonly string[] | undefined): ChangelogItem[] {
  const fields = new Set<string>();
  if (wanted?.length) fields.add(rng.pick(wanted));
  for (const extra of ['status', 'priority', 'assignee', 'resolution', 'labels', 'summary']) if (rng.chance(0.2)) fields.add(extra);
  if (fields.size === 0) fields.add('summary');
  return [...fields].map((f) => changeOf(rng, f, issue.fields));
}

function commentFor(rng: Rng, issue: Issue, index: number): NonNullable<RuleData['comment']> {
  const reporter = issue.fields['reporter'] as JiraUser;
  const author = rng.chance(0.4) ? reporter : rng.chance(0.33) ? rng.pick(CUSTOMERS) : rng.pick(AGENTS);
  const body = rng.chance(0.25) ? rng.pick(URGENT_COMMENTS) : rng.pick(COMMENTS);
  return { id: String(20000 + index), author: { accountId: author.accountId, displayName: author.displayName }, body, created: jiraTime(NOW - 20_000) };
}

function eventInput(rng: Rng, issue: Issue, index: number, trigger: Extract<Trigger, { type: 'event' }>): Pick<RuleData, 'changelog' | 'comment' | 'event'> {
  const type = rng.pick(trigger.events);
  const assignee = issue.fields['assignee'] as JiraUser | null;
  const changelog = (items: ChangelogItem[]): RuleData['changelog'] => ({ id: String(120000 + index), items });
  let actor = rng.pick(AGENTS).accountId;
  if (type === 'avi:jira:updated:issue') return { changelog: changelog(changelogFor(rng, issue, trigger.fields)), comment: null, event: { type, actorAccountId: actor } };
  if (type === 'avi:jira:commented:issue') {
    const comment = commentFor(rng, issue, index);
    return { changelog: null, comment, event: { type, actorAccountId: comment.author.accountId } };
  }
  if (type === 'avi:jira:assigned:issue') {
    if (assignee && rng.chance(0.5)) actor = assignee.accountId;
    return { changelog: changelog([changeOf(rng, 'assignee', issue.fields)]), comment: null, event: { type, actorAccountId: actor } };
  }
  return { changelog: null, comment: null, event: { type, actorAccountId: actor } };
}

/** FNV-1a, so that each rule's inputs depend on the seed and the rule only (not on the order rules are read in). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One input per issue for `rule`, as its trigger would deliver it; `let` starts empty. */
export function ruleInputs(rule: BenchRule, issues: readonly Issue[], seed = DEFAULT_SEED): RuleData[] {
  const rng = createRng((seed ^ hash(rule.id)) >>> 0);
  const dueAt = Math.floor(NOW / 3_600_000) * 3_600_000;
  return issues.map((issue, index) => {
    const base = { issue, now: NOW, rule: { id: rule.id, version: 3 }, let: {} };
    const { trigger } = rule;
    if (trigger.type === 'event') return { ...base, ...eventInput(rng, issue, index, trigger), schedule: null };
    const schedule = trigger.type === 'schedule' ? { dueAt: new Date(dueAt).toISOString(), firedAt: new Date(dueAt + 120_000).toISOString() } : null;
    return { ...base, changelog: null, comment: null, event: null, schedule };
  });
}
