/**
 * The rule the scale runs use: a daily schedule rule whose JQL finds every generated issue, whose `when` reads two
 * fields (priority and labels, both fixed on the generated issues, so every issue matches) and whose actions are the
 * realistic pair, a label and a comment: two Jira writes per issue.
 */
import type { GenerateFields } from '../../src/local/jira/site/index.js';

export const RULE_ID = 'scale-sweep';
export const SWEPT_LABEL = 'swept';
const BENCH_LABEL = 'scale-bench';

/** What site.generate fixes on every issue: the JQL below matches all of them and `when` is true for all. */
export const GENERATED: { project: string; fields: Partial<GenerateFields> } = {
  project: 'OPS',
  fields: { labels: [BENCH_LABEL], status: 'Open', priority: 'High', issueType: 'Incident' },
};

export function scaleRule(maxIssues: number): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: RULE_ID,
    name: 'Scale sweep',
    description: 'The scale benchmark: every open High incident labelled scale-bench gets a label and a comment.',
    scope: { projects: [GENERATED.project] },
    trigger: { type: 'schedule', cron: '0 10 * * *', timezone: 'UTC', jql: `project = ${GENERATED.project} AND labels = ${BENCH_LABEL} ORDER BY created ASC`, maxIssues },
    when: {
      and: [
        { in: [{ var: 'issue.fields.priority.name' }, ['Highest', 'High']] },
        { '!': { in: [SWEPT_LABEL, { var: 'issue.fields.labels' }] } },
      ],
    },
    actions: [
      { type: 'addLabels', labels: [SWEPT_LABEL] },
      { type: 'comment', body: { cat: ['Daily sweep: ', { var: 'issue.key' }, ' is ', { var: 'issue.fields.priority.name' }, ' and still open.'] } },
    ],
  };
}
