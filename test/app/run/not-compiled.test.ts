import { expect, it } from 'vitest';
import { listExecutions } from '../../../src/app/executions/execution-queries.js';
import { handleJiraEvent } from '../../../src/app/run/handle-event.js';
import type { ActiveRule, RuleSource } from '../../../src/app/run/rule-source.js';
import type { Rule } from '../../../src/core/rule/rule-schema.js';
import { createPipeline, importIssues } from '../schedule/pipeline.js';

// Found by the reliability suite (reliability/hostile): a saved rule the compiler refused was skipped without a
// record, although an admin must see every failure. Validator and compiler agree now; this guards the fallback.
it('records a rule that does not compile as a failed run with the compiler\'s reason, and still runs the others', async () => {
  const p = createPipeline();
  importIssues(p.site, 1);
  let deep: unknown = 'x';
  for (let i = 0; i < 300; i++) deep = [deep];
  const broken = {
    schemaVersion: 1, id: 'broken', name: 'Broken', enabled: true,
    trigger: { type: 'event', events: ['avi:jira:created:issue'] },
    when: { in: ['x', deep] },
    actions: [{ type: 'addLabels', labels: ['never'] }],
  } as unknown as Rule;
  const working = {
    schemaVersion: 1, id: 'working', name: 'Working', enabled: true,
    trigger: { type: 'event', events: ['avi:jira:created:issue'] },
    actions: [{ type: 'addLabels', labels: ['seen'] }],
  } as unknown as Rule;
  const active: ActiveRule[] = [{ ruleId: 'broken', version: 1, document: broken }, { ruleId: 'working', version: 1, document: working }];
  const rules: RuleSource = { rulesFor: () => Promise.resolve(active), disableThrottled: () => Promise.resolve() };
  const event = {
    eventType: 'avi:jira:created:issue',
    issue: { id: '10001', key: 'OPS-1', fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, labels: [] } },
    atlassianId: '557058:local-ben',
  };

  const result = await handleJiraEvent(p.deps, rules, event);

  expect(result).toMatchObject({ accepted: true, outcomes: [{ ruleId: 'broken', outcome: 'FAILED' }, { ruleId: 'working', outcome: 'SUCCESS' }] });
  const failed = await listExecutions(p.deps.storage, { ruleId: 'broken' });
  expect(failed.items).toHaveLength(1);
  expect(failed.items[0]?.value).toMatchObject({ status: 'FAILED', issueKey: 'OPS-1', error: { code: 'LOGIC_TOO_LARGE', path: expect.stringMatching(/^\/when\/in\/1(\/0)+$/) as string } });
});
