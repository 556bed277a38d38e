/**
 * A full local-runtime run that makes the app write every kind of record it has: rules and versions, an audit log,
 * event runs (matched, not matched, failed, a `record` result), a scheduled run with its batches and progress, a
 * manual run, a rejected event, settings changes and the scheduled tick. The security tests read the store after it
 * (`runtime.storage.contents()`), so the data inventory and the privacy promises are checked against what the code
 * really writes, not against a list someone keeps by hand.
 */
import { expect, vi } from 'vitest';
import type { WireRequest } from '../../src/local/runtime/wire.js';
import { startApp, type App } from '../app/run/harness.js';

/** Planted in fields no rule reads: if it shows up in storage or logs, the app kept data a rule did not ask for. */
export const UNREAD_SENTINEL = 'UNREAD-SENTINEL-7f3a';

export const RULES = [
  {
    schemaVersion: 1,
    id: 'label-customer-issues',
    name: 'Label customer issues',
    trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['labels'] },
    when: { in: ['customer', { var: 'issue.fields.labels' }] },
    actions: [{ type: 'addLabels', labels: ['triaged'] }],
  },
  {
    schemaVersion: 1,
    id: 'record-priority',
    name: 'Record the priority of customer issues',
    trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['labels'] },
    when: { in: ['customer', { var: 'issue.fields.labels' }] },
    actions: [{ type: 'record', name: 'priority', value: { var: 'issue.fields.priority.name' } }],
  },
  {
    schemaVersion: 1,
    id: 'move-to-nowhere',
    name: 'Move customer issues to a status that does not exist',
    trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['labels'] },
    when: { in: ['customer', { var: 'issue.fields.labels' }] },
    actions: [{ type: 'transition', to: 'No Such Status' }],
  },
  {
    schemaVersion: 1,
    id: 'sweep-rf',
    name: 'Sweep RF every five minutes',
    trigger: { type: 'schedule', cron: '*/5 * * * *', jql: 'project = RF AND labels = customer', maxIssues: 5 },
    when: { '!': { in: ['swept', { var: 'issue.fields.labels' }] } },
    actions: [{ type: 'addLabels', labels: ['swept'] }],
  },
  {
    schemaVersion: 1,
    id: 'label-by-hand',
    name: 'Label by hand',
    trigger: { type: 'manual' },
    when: true,
    actions: [{ type: 'addLabels', labels: ['by-hand'] }],
  },
] as const;

export type FullRun = {
  app: App;
  /** Everything the app's functions wrote to the console. */
  logs: string[];
  /** The requests the app's functions made to Jira, in order. */
  jiraRequests: WireRequest[];
  /** The product events the site raised (what the trigger handler was given). */
  events: Record<string, unknown>[];
  /** Every invocation's id: the local proxy token of invocation `id` is `local-<id>`. */
  invocationIds: string[];
};

export async function fullRun(): Promise<FullRun> {
  const jiraRequests: WireRequest[] = [];
  const app = startApp({ onJiraRequest: (request) => jiraRequests.push(request) });
  const events: Record<string, unknown>[] = [];
  app.site.onEvent((event) => events.push(event));
  const invocationIds: string[] = [];
  app.runtime.onInvocation((record) => invocationIds.push(record.id));
  const logs: string[] = [];
  // Every console method the functions could log through (Forge ships all of them to the app's logs).
  const levels = ['log', 'warn', 'error', 'info', 'debug'] as const;
  const spies = levels.map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  }));
  try {
    for (const document of RULES) expect(await app.resolve('rules.save', { document, expectedVersion: null })).toMatchObject({ ok: true });
    // Unread fields carry the sentinel: the description, and the summary no rule reads either.
    for (const key of ['RF-3', 'RF-4']) {
      const description = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: UNREAD_SENTINEL }] }] };
      const response = await app.jira('PUT', `/issue/${key}`, { fields: { description, summary: `${UNREAD_SENTINEL} summary` } });
      expect(response.status, JSON.stringify(response.body)).toBe(204);
    }
    await app.runtime.drain();
    await app.jira('PUT', '/issue/RF-3', { update: { labels: [{ add: 'customer' }] } });
    await app.jira('PUT', '/issue/RF-4', { update: { labels: [{ add: 'other' }] } });
    await app.runtime.drain();
    // A malformed event reaches the handler (the platform would not send one; a hostile or broken payload might).
    await app.runtime.host.invoke('jira-event', { moduleType: 'core:function', moduleKey: 'jira-events', args: [{ eventType: 'avi:jira:updated:issue', issue: 'not an issue' }, {}] });
    expect(await app.resolve('runs.start', { ruleId: 'label-by-hand', dryRun: false, jql: 'key = RF-5' })).toMatchObject({ ok: true });
    expect(await app.resolve('settings.setPaused', { paused: true })).toMatchObject({ ok: true });
    expect(await app.resolve('settings.setPaused', { paused: false })).toMatchObject({ ok: true });
    // Past the next five-minute tick: the schedule rule's run pages, batches and acts.
    await app.runtime.advanceTo(app.clock.now() + 11 * 60_000);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return { app, logs, jiraRequests, events, invocationIds };
}
