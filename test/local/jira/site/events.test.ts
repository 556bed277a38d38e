import { describe, expect, it } from 'vitest';
import { parseJiraEvent } from '../../../../src/core/event/jira-event-payload.js';
import { vectorInputSchema } from '../../../vectors/vector-schema.js';
import { adf, APP, BEN, CHLOE, harness } from './harness.js';

/** One of each event, as the app (asApp) and as people. */
async function everyKind() {
  const h = harness({ data: 'empty' });
  await h.call('POST', '/rest/api/3/issue', { as: BEN, body: { fields: { project: { key: 'RF' }, issuetype: { name: 'Bug' }, summary: 'Crash on save' } } });
  await h.call('PUT', '/rest/api/3/issue/RF-1', { body: { update: { labels: [{ add: 'triage' }] } } });
  await h.call('PUT', '/rest/api/3/issue/RF-1/assignee', { as: CHLOE, body: { accountId: CHLOE } });
  await h.call('POST', '/rest/api/3/issue/RF-1/transitions', { as: CHLOE, body: { transition: { id: '11' } } });
  await h.call('POST', '/rest/api/3/issue/RF-1/comment', { body: { body: adf('Rule ran') } });
  await h.call('DELETE', '/rest/api/3/issue/RF-1', { as: '557058:local-site-admin' });
  return h;
}

describe('product events', () => {
  it('raise one event per change, attributed to whoever made it (the app’s account for asApp)', async () => {
    const h = await everyKind();
    expect(h.events.map((e) => [e.eventType, e.atlassianId])).toEqual([
      ['avi:jira:created:issue', BEN],
      ['avi:jira:updated:issue', APP],
      ['avi:jira:updated:issue', CHLOE],
      ['avi:jira:assigned:issue', CHLOE],
      ['avi:jira:updated:issue', CHLOE],
      ['avi:jira:commented:issue', APP],
      ['avi:jira:deleted:issue', '557058:local-site-admin'],
    ]);
  });

  it('carry the issue with the fields Forge’s reference documents, in REST shapes', async () => {
    const h = await everyKind();
    for (const event of h.events) {
      const issue = event.issue as { id: string; key: string; fields: Record<string, unknown> };
      expect(Object.keys(issue)).toEqual(['id', 'key', 'fields']);
      expect(Object.keys(issue.fields).sort()).toEqual(['assignee', 'created', 'creator', 'issuetype', 'project', 'reporter', 'status', 'summary', 'updated']);
      expect(issue.fields).toMatchObject({ summary: 'Crash on save', creator: { accountId: BEN }, reporter: { accountId: BEN }, issuetype: { name: 'Bug' }, project: { key: 'RF' } });
    }
    // The issue is shown as it is after the change.
    expect((h.events[4]?.issue as { fields: { status: unknown } }).fields.status).toMatchObject({ name: 'In Progress', statusCategory: { key: 'indeterminate' } });
    expect((h.events[2]?.issue as { fields: { assignee: unknown } }).fields.assignee).toEqual({ accountId: CHLOE });
  });

  it('give each update its changelog id and items, the same id as the issue’s history', async () => {
    const h = await everyKind();
    const updates = h.events.filter((e) => e.eventType === 'avi:jira:updated:issue').map((e) => e.changelog as { id: string; items: { fieldId: string }[] });
    expect(updates.map((c) => c.items.map((i) => i.fieldId))).toEqual([['labels'], ['assignee'], ['status']]);
    expect(new Set(updates.map((c) => c.id)).size).toBe(3);
  });

  it('parse with the app’s own event parser and fit the project’s event vectors', async () => {
    const h = await everyKind();
    for (const event of h.events) {
      expect(parseJiraEvent(event)).toMatchObject({ ok: true });
      const input = vectorInputSchema.safeParse({ kind: 'event', now: '2026-03-02T09:00:00Z', event });
      expect(input.error?.issues ?? []).toEqual([]);
    }
  });

  it('give every listener its own copy, survive a listener that throws, and stop after unsubscribe', async () => {
    const h = harness();
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      h.site.onEvent((event) => {
        (event.issue as { key: string }).key = 'MUTATED';
        throw new Error('listener bug');
      });
      const stop = h.site.onEvent((event) => seen.push((event.issue as { key: string }).key));
      expect((await h.call('PUT', '/rest/api/3/issue/RF-1', { body: { fields: { summary: 'One' } } })).status).toBe(204);
      stop();
      await h.call('PUT', '/rest/api/3/issue/RF-1', { body: { fields: { summary: 'Two' } } });
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['RF-1']);
    expect(errors).toHaveLength(2);
    expect(h.events.map((e) => (e.issue as { key: string }).key)).toEqual(['RF-1', 'RF-1']);
  });

  it('are not raised by reads, failed writes or scale mode', async () => {
    const h = harness();
    await h.call('GET', '/rest/api/3/issue/RF-1');
    await h.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project = RF' } });
    await h.call('PUT', '/rest/api/3/issue/RF-1', { body: { fields: { summary: '' } } });
    h.site.generate({ count: 10, project: 'MKT' });
    expect(h.events).toEqual([]);
  });
});
