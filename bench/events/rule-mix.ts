// The rule sets the events bench saves: N enabled rules on the bench event's type, of which exactly min(10, N)
// match it. The others are the event rules of rules/ moved onto the same event type and made to miss it in one of
// three ways, in turn: their trigger's `fields` name a field the changelog lacks, their scope is other projects,
// or their `when` (the example's own, then a clause the event fails) is false.
import { readdirSync, readFileSync } from 'node:fs';

/** The bench event: a user raises an RF task's priority from Low to Highest (avi:jira:updated:issue). */
export const BENCH_EVENT = 'avi:jira:updated:issue';
export const BENCH_PROJECT = 'RF';
export const MAX_MATCHING = 10;

export type MissKind = 'trigger' | 'scope' | 'when';
export type RuleMix = { documents: Record<string, unknown>[]; matchingIds: string[]; misses: Record<MissKind, number> };

type Template = Record<string, unknown> & { id: string; name: string; trigger: { type: string }; when?: unknown; scope?: { issueTypes?: string[] } };

const KINDS: readonly MissKind[] = ['trigger', 'scope', 'when'];
const OTHER_FIELDS = ['status', 'resolution', 'assignee', 'fixVersions', 'duedate'];
const OTHER_PROJECTS = [['OPS'], ['MKT'], ['OPS', 'MKT'], ['SHOP', 'PLAT']];

/** Clauses the bench event fails, as teams write them: a label they own, another priority, a summary tag, another change. */
function falseClause(i: number): unknown {
  switch (i % 4) {
    case 0:
      return { in: [`team-${String(i)}`, { var: 'issue.fields.labels' }] };
    case 1:
      return { '==': [{ var: 'issue.fields.priority.name' }, 'Lowest'] };
    case 2:
      return { startsWith: [{ var: 'issue.fields.summary' }, `[${String(i)}]`] };
    default:
      return { changedTo: ['priority', 'Low'] };
  }
}

export function eventTemplates(): Template[] {
  const dir = new URL('../../rules/', import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Template)
    .filter((rule) => rule.trigger.type === 'event');
}

const ruleId = (text: string): string => text.slice(0, 63).replace(/-+$/, '');

function missing(template: Template, i: number): { document: Record<string, unknown>; kind: MissKind } {
  const kind = KINDS[i % KINDS.length] ?? 'when';
  const document: Record<string, unknown> = { ...structuredClone(template) };
  delete document.$schema;
  document.id = ruleId(`${kind}-${String(i)}-${template.id}`);
  document.name = `${template.name} (${kind} ${String(i)})`.slice(0, 120);
  const fields = kind === 'trigger' ? [OTHER_FIELDS[i % OTHER_FIELDS.length] ?? 'status'] : ['priority'];
  document.trigger = { type: 'event', events: [BENCH_EVENT], fields };
  if (kind === 'scope') {
    const issueTypes = template.scope?.issueTypes;
    document.scope = { projects: OTHER_PROJECTS[i % OTHER_PROJECTS.length] ?? ['OPS'], ...(issueTypes === undefined ? {} : { issueTypes }) };
  }
  if (kind === 'when') {
    document.scope = { projects: [BENCH_PROJECT] };
    document.when = { and: [template.when ?? true, falseClause(i)] };
  }
  return { document, kind };
}

/** Cheap but real actions: half add a label through Jira, half record a result in entity storage. */
function matching(j: number): Record<string, unknown> {
  const base = {
    schemaVersion: 1,
    id: `match-${String(j)}`,
    name: `Priority raised on the platform backlog (${String(j)})`,
    scope: { projects: [BENCH_PROJECT] },
    trigger: { type: 'event', events: [BENCH_EVENT], fields: ['priority'] },
    when: { changedTo: ['priority', 'Highest'] },
  };
  return j % 2 === 0
    ? { ...base, actions: [{ type: 'addLabels', labels: [`raised-${String(j)}`] }] }
    : { ...base, let: { ageHours: { hoursSince: { var: 'issue.fields.created' } } }, actions: [{ type: 'record', name: 'age-when-raised', value: { var: 'let.ageHours' } }] };
}

export function ruleMix(total: number): RuleMix {
  const templates = eventTemplates();
  const matchingCount = Math.min(MAX_MATCHING, total);
  const documents = Array.from({ length: matchingCount }, (_, j) => matching(j));
  const misses: Record<MissKind, number> = { trigger: 0, scope: 0, when: 0 };
  for (let i = 0; i < total - matchingCount; i++) {
    const template = templates[i % templates.length];
    if (template === undefined) throw new Error('rules/ holds no event rule to build the bench rules from');
    const { document, kind } = missing(template, i);
    misses[kind] += 1;
    documents.push(document);
  }
  return { documents, matchingIds: documents.slice(0, matchingCount).map((d) => String(d.id)), misses };
}
