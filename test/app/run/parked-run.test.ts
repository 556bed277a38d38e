import { expect, it } from 'vitest';
import type { AppDeps } from '../../../src/app/deps.js';
import { listExecutions } from '../../../src/app/executions/execution-queries.js';
import { continueRun } from '../../../src/app/run/continue-run.js';
import { handleJiraEvent } from '../../../src/app/run/handle-event.js';
import { storeRuleSource } from '../../../src/app/run/store-rule-source.js';
import { commentsOn, createPipeline, importIssues, Killed } from '../schedule/pipeline.js';

const event = {
  eventType: 'avi:jira:created:issue',
  issue: { id: '10001', key: 'OPS-1', fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, labels: [] } },
  atlassianId: '557058:local-ben',
};

/** A pipeline with issue OPS-1 and a rule on created issues with these actions. */
async function withRule(actions: unknown[]): Promise<ReturnType<typeof createPipeline>> {
  const p = createPipeline();
  importIssues(p.site, 1);
  await p.saveRule({ schemaVersion: 1, id: 'ack', name: 'Acknowledge new issues', trigger: { type: 'event', events: ['avi:jira:created:issue'] }, actions });
  return p;
}

// Found by the reliability suite (reliability/faults, seed 1, 10,000 events): a run parked after a 429 was lost when
// its invocation died after saving the claim as `waiting` and before queueing the retry. Every later delivery found
// the claim busy and waiting, and waited for a retry that did not exist.
it('finishes a run whose invocation died between parking it and queueing its retry', async () => {
  const p = await withRule([{ type: 'addLabels', labels: ['seen'] }, { type: 'comment', body: 'Thanks, we have it.' }]);
  let killBeforePush = true;
  const dying: AppDeps = {
    ...p.deps,
    queue: {
      push: (events) => {
        if (!killBeforePush) return p.deps.queue.push(events);
        killBeforePush = false;
        return Promise.reject(new Killed('killed before the retry was queued'));
      },
    },
  };
  const rules = storeRuleSource(p.deps);
  // Jira answers the label change 429, so the run parks, and the invocation dies before the retry is queued.
  p.throttleJiraWrites(1);
  await expect(handleJiraEvent(dying, rules, event)).rejects.toThrow(Killed);

  // Forge delivers the event again after the failed invocation.
  const again = await handleJiraEvent(p.deps, rules, { ...event, retryContext: { retryCount: 1, retryReason: 'FUNCTION_ERROR' } });
  expect(again).toMatchObject({ accepted: true, outcomes: [{ ruleId: 'ack', outcome: 'in-progress' }] });
  await p.pump();

  const records = await listExecutions(p.deps.storage, { ruleId: 'ack' });
  expect(records.items.map((r) => r.value.status)).toEqual(['SUCCESS']);
  expect(await commentsOn(p.site, 'OPS-1')).toBe(1);
});

it('lets a check queued by another delivery take a parked run only once its lease has run out, never ahead of its retry', async () => {
  const p = await withRule([{ type: 'comment', body: 'Thanks, we have it.' }]);
  const rules = storeRuleSource(p.deps);
  p.throttleJiraWrites(1);
  expect(await handleJiraEvent(p.deps, rules, event)).toMatchObject({ outcomes: [{ outcome: 'waiting' }] });
  expect(await handleJiraEvent(p.deps, rules, event)).toMatchObject({ outcomes: [{ outcome: 'in-progress' }] });
  const [retry, check] = p.queue.pushed().map((e) => e.body as { kind: string; check?: boolean });
  expect(retry).toMatchObject({ kind: 'continue-run', attempt: 0 });
  expect(check).toMatchObject({ kind: 'continue-run', attempt: 0, check: true });

  // Delivered early (a queue may deliver a delayed message at any time after its delay), the check leaves it.
  expect(await continueRun(p.deps, rules, check)).toEqual({ done: false, reason: 'NOT_OURS' });
  expect(await continueRun(p.deps, rules, retry)).toMatchObject({ done: true, state: 'done', status: 'SUCCESS' });
  expect(await commentsOn(p.site, 'OPS-1')).toBe(1);
});
