/**
 * The 50 rules the duplicates-and-faults and load scenarios run: every event rule of rules/ as written (scopes,
 * conditions, actions) and 40 generated the way teams write them, on the four event types and the projects the
 * site holds. One constraint makes the expected outcome independent of timing: no rule's condition reads a field
 * any rule writes on the same issue (priority only through the changelog, labels only the `team-*` ones people
 * set), so a run decided late, after a retry or redelivery, decides what it would have decided at once.
 */
import { eventTemplates } from '../../bench/events/rule-mix.js';

export const RULE_COUNT = 50;

type Document = Record<string, unknown> & { id: string; trigger: { type: string } & Record<string, unknown> };

/** The event rules of rules/ as written, without their editor-only `$schema` (the events bench reads the same). */
export function exampleEventRules(): Document[] {
  return eventTemplates().map((rule) => {
    const copy: Document = { ...rule };
    delete copy.$schema;
    return copy;
  });
}

export const TEAMS = ['payments', 'mobile', 'search', 'infra', 'growth'] as const;
const PROJECT_SETS = [['SHOP'], ['SUP'], ['OPS'], ['PLAT'], ['SHOP', 'PLAT'], ['SUP', 'OPS'], ['RF']] as const;

/** Generated rule `i`: a condition and actions of one of eight kinds, in turn. */
export function generatedRule(i: number): Document {
  const team = TEAMS[i % TEAMS.length] ?? 'payments';
  const projects = [...(PROJECT_SETS[i % PROJECT_SETS.length] ?? ['SHOP'])];
  const id = `generated-${String(i).padStart(2, '0')}`;
  const base = { schemaVersion: 1, id, scope: { projects } };
  const label = `rf-${String(i)}`;
  switch (i % 8) {
    case 0:
      return { ...base, name: `Route new ${team} issues (${String(i)})`, trigger: { type: 'event', events: ['avi:jira:created:issue'] },
        when: { in: [`team-${team}`, { var: 'issue.fields.labels' }] }, actions: [{ type: 'addLabels', labels: [label] }] };
    case 1:
      return { ...base, name: `Note raised priority (${String(i)})`, trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['priority'] },
        when: { changedTo: ['priority', 'Highest'] },
        actions: [{ type: 'comment', body: { cat: ['Priority raised to Highest by a person; rule ', String(i), ' noted it.'] } }] };
    case 2:
      return { ...base, name: `Record invoice questions (${String(i)})`, trigger: { type: 'event', events: ['avi:jira:commented:issue'] },
        when: { contains: [{ lower: { var: 'comment.body' } }, 'invoice'] },
        actions: [{ type: 'record', name: 'invoice-comment-length', value: { length: { var: 'comment.body' } } }] };
    case 3:
      return { ...base, name: `Track ${team} labelling (${String(i)})`, trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['labels'] },
        when: { in: [`team-${team}`, { var: 'issue.fields.labels' }] },
        actions: [{ type: 'addLabels', labels: [label] }, { type: 'record', name: 'labelled-by', value: { var: 'event.actorAccountId' } }] };
    case 4:
      return { ...base, name: `Acknowledge bracketed requests (${String(i)})`, trigger: { type: 'event', events: ['avi:jira:created:issue'] },
        when: { startsWith: [{ var: 'issue.fields.summary' }, '[request]'] },
        actions: [{ type: 'comment', body: { cat: ['Request ', { var: 'issue.key' }, ' received (rule ', String(i), ').'] } }] };
    case 5:
      return { ...base, name: `Record time to done (${String(i)})`, trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['status'] },
        when: { changedTo: ['status', 'Done'] },
        let: { hours: { hoursSince: { var: 'issue.fields.created' } } },
        actions: [{ type: 'record', name: 'hours-to-done', value: { var: 'let.hours' } }] };
    case 6:
      return { ...base, name: `Label issues the lead takes (${String(i)})`, trigger: { type: 'event', events: ['avi:jira:assigned:issue'] },
        when: { '==': [{ var: 'issue.fields.assignee.accountId' }, '557058:local-site-admin'] },
        actions: [{ type: 'addLabels', labels: [label] }] };
    default:
      return { ...base, name: `Escalate outages (${String(i)})`, trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['summary'] },
        when: { contains: [{ lower: { var: 'issue.fields.summary' } }, 'outage'] },
        actions: [{ type: 'addLabels', labels: [label, 'outage'] }, { type: 'comment', body: { cat: ['Outage reported on ', { var: 'issue.key' }, '.'] } }] };
  }
}

export function workloadRules(): Document[] {
  const examples = exampleEventRules();
  const generated = Array.from({ length: RULE_COUNT - examples.length }, (_, i) => generatedRule(i));
  return [...examples, ...generated];
}
