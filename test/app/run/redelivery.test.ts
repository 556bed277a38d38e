import { afterEach, beforeEach, expect, it } from 'vitest';
import { forgeStorage } from '../../../src/adapters/forge/kvs-storage.js';
import { claimRef, freshClaim } from '../../../src/app/run/claim.js';
import { eventIdentity, runKey } from '../../../src/app/run/event-identity.js';
import type { JiraEvent } from '../../../src/core/event/jira-event-payload.js';
import { LOCAL_APP } from '../../../src/local/runtime/invocation.js';
import { BEN, startApp, type App } from './harness.js';

// Found by the reliability suite (reliability/faults): a rule whose own action makes its condition false, killed
// mid-run, was decided again on Forge's redelivery, found "not matched" and left its claim unfinished for ever.
let app: App;
beforeEach(() => {
  app = startApp();
});
afterEach(() => {
  app.close();
});

const rule = {
  schemaVersion: 1,
  id: 'clear-needs-info',
  name: 'Clear needs-info when someone answers',
  trigger: { type: 'event', events: ['avi:jira:commented:issue'] },
  when: { in: ['needs-info', { var: 'issue.fields.labels' }] },
  actions: [
    { type: 'removeLabels', labels: ['needs-info'] },
    { type: 'comment', body: 'Thanks, the information is in.' },
  ],
};

it('finishes, on a redelivery, a run whose holder died after its own action made its condition false', async () => {
  expect(await app.resolve('rules.save', { document: rule, expectedVersion: null })).toMatchObject({ ok: true });
  // Paused, the app does nothing with the events below: the test plays the first delivery's holder itself.
  expect(await app.resolve('settings.setPaused', { paused: true })).toMatchObject({ ok: true });
  await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'needs-info' }] } });
  const events: Record<string, unknown>[] = [];
  const stop = app.site.onEvent((event) => events.push(event));
  await app.jira('POST', '/issue/RF-3/comment', { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Here are the logs.' }] }] } });
  stop();
  const event = events.find((e) => e.eventType === 'avi:jira:commented:issue');
  if (event === undefined) throw new Error('the site raised no commented event');
  await app.runtime.drain();

  // The first holder removed the label, then died before the comment: its claim stays `running` under its lease.
  await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ remove: 'needs-info' }] } });
  const identity = eventIdentity(event as unknown as JiraEvent);
  const key = runKey(identity, rule.id, 1);
  const claim = {
    ...freshClaim({
      ruleId: rule.id, ruleVersion: 1, executionId: key, issueKey: 'RF-3',
      trigger: { kind: 'event', eventType: 'avi:jira:commented:issue', actorAccountId: BEN, eventId: identity },
      plan: { decision: 'matched', actions: [{ type: 'removeLabels', labels: ['needs-info'] }, { type: 'comment', body: 'Thanks, the information is in.' }], let: {} },
      trace: null,
    }, app.clock.now()),
    done: { '0': { status: 'done' as const, detail: 'removed needs-info' } },
  };
  await app.runtime.runInInvocation(() => forgeStorage().set(claimRef(key), claim));
  expect(await app.resolve('settings.setPaused', { paused: false })).toMatchObject({ ok: true });

  // Forge redelivers the event after the holder's timeout, marked with retryContext.
  const redelivered = await app.runtime.host.invoke('jira-event', {
    moduleType: 'core:function', moduleKey: 'jira-events', args: [{ ...event, retryContext: { retryCount: 1, retryReason: 'FUNCTION_TIME_OUT' } }, {}],
  });
  expect(redelivered).toMatchObject({ outcome: 'returned', value: { accepted: true, outcomes: [{ ruleId: rule.id, outcome: 'in-progress' }] } });
  await app.runtime.advanceTo(app.clock.now() + 10 * 60_000);

  const record = await app.runtime.runInInvocation(() => forgeStorage().get<{ status: string; actions: { status: string }[] }>({ entity: 'execution', key }));
  expect(record).toMatchObject({ status: 'SUCCESS', actions: [{ status: 'done' }, { status: 'done' }] });
  const comments = (await app.jira('GET', '/issue/RF-3/comment')).body as { comments: { author: { accountId: string } }[] };
  expect(comments.comments.filter((c) => c.author.accountId === LOCAL_APP.appAccountId)).toHaveLength(1);
});

it('leaves a redelivery of an event whose run never started "not matched" and claims nothing', async () => {
  expect(await app.resolve('rules.save', { document: rule, expectedVersion: null })).toMatchObject({ ok: true });
  await app.jira('PUT', '/issue/RF-4', { update: { labels: [{ remove: 'needs-info' }] } });
  const events: Record<string, unknown>[] = [];
  const stop = app.site.onEvent((event) => events.push(event));
  await app.jira('POST', '/issue/RF-4/comment', { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'No label here.' }] }] } });
  stop();
  await app.runtime.drain();
  const event = events.find((e) => e.eventType === 'avi:jira:commented:issue');
  const redelivered = await app.runtime.host.invoke('jira-event', {
    moduleType: 'core:function', moduleKey: 'jira-events', args: [{ ...event, retryContext: { retryCount: 1, retryReason: 'FUNCTION_TIME_OUT' } }, {}],
  });
  expect(redelivered).toMatchObject({ outcome: 'returned', value: { accepted: true, outcomes: [{ ruleId: rule.id, outcome: 'not-matched' }] } });
  expect(app.runtime.storage.contents().filter((item) => item.entity === 'run-claim')).toEqual([]);
});
