import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAILURE_LIMIT } from '../../../src/app/run/failure-streak.js';
import { flagWords } from '../../../src/ui/admin/views/rule-words.js';
import { startApp, type App } from './harness.js';

// Containment: a rule whose executions fail 10 times in a row is flagged DISABLED_FAILING by the app, with one audit
// entry, and runs no more until an admin re-enables it or saves a new version.
let app: App;
beforeEach(() => {
  app = startApp();
  edits = 0;
});
afterEach(() => {
  app.close();
});

const RULE_ID = 'move-as-summary-says';
const APP_ACTOR = 'app:ruleforge';

// The summary names the status to move to: "Done" succeeds, any status that does not exist fails for good.
const rule = {
  schemaVersion: 1,
  id: RULE_ID,
  name: 'Move to the status the summary names',
  trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['summary'] },
  actions: [{ type: 'transition', to: { var: 'issue.fields.summary' } }],
};

let edits: number;

/** A person's summary change on RF-1, run to the end. */
async function summary(text: string): Promise<void> {
  edits += 1;
  expect((await app.jira('PUT', '/issue/RF-1', { fields: { summary: text } })).status).toBe(204);
  await app.runtime.drain();
}

async function failures(n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await summary(`Nowhere ${String(edits)}`);
}

/** Follows a failure (a summary naming no status), so the summary does change. */
async function succeed(): Promise<void> {
  await summary('Done');
}

type Head = { enabled: boolean; flag?: string };
async function head(): Promise<Head> {
  return ((await app.resolve('rules.get', { ruleId: RULE_ID })).result as { head: Head }).head;
}

async function statuses(): Promise<string[]> {
  const listed = await app.resolve('executions.list', { ruleId: RULE_ID, limit: 100 });
  return (listed.result as { items: { value: { status: string } }[] }).items.map((i) => i.value.status);
}

type Entry = { action: string; actor: string; summary: string };
async function flagEntries(): Promise<Entry[]> {
  const audit = await app.resolve('audit.list', { ruleId: RULE_ID });
  return (audit.result as { entries: Entry[] }).entries.filter((e) => e.action === 'flag');
}

/** The stored streak, read past every API; null when no item is stored (a streak of 0). */
function streak(): number | null {
  const item = app.runtime.storage.contents().find((i) => i.ns === 'entity' && i.entity === 'rule-health' && i.key === RULE_ID);
  return item === undefined ? null : (item.value as { streak: number }).streak;
}

async function save(document: object = rule): Promise<void> {
  const current = await app.resolve('rules.get', { ruleId: RULE_ID });
  const expectedVersion = current.ok ? (current.result as { head: { version: number } }).head.version : null;
  expect((await app.resolve('rules.save', { document, expectedVersion })).ok).toBe(true);
}

describe('a rule that fails repeatedly is disabled', () => {
  it('stays enabled through 9 failures, is flagged DISABLED_FAILING with one audit entry by the app at the 10th, and runs no more', async () => {
    await save();
    await failures(FAILURE_LIMIT - 1);
    expect(await head()).toEqual(expect.not.objectContaining({ flag: expect.anything() as unknown }));
    expect(streak()).toBe(9);

    await failures(1);
    expect(await head()).toMatchObject({ flag: 'DISABLED_FAILING' });
    const [entry, ...more] = await flagEntries();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor: APP_ACTOR, summary: 'flagged DISABLED_FAILING: 10 consecutive failed executions, the last with TRANSITION_NOT_AVAILABLE' });
    expect((await app.resolve('audit.verify', {})).result).toMatchObject({ ok: true });
    expect(await statuses()).toEqual(Array<string>(10).fill('FAILED'));

    // The active ruleset no longer holds it: the 11th change runs nothing and records nothing.
    await failures(1);
    expect(await statuses()).toHaveLength(10);
    expect(await flagEntries()).toHaveLength(1);
    expect(flagWords('DISABLED_FAILING')).toBe(`Disabled after ${String(FAILURE_LIMIT)} failures`);
  });

  it('counts SOME_ERRORS as a failure', async () => {
    await save({ ...rule, actions: [...rule.actions, { type: 'addLabels', labels: ['moved'] }] });
    await failures(FAILURE_LIMIT);
    expect(new Set(await statuses())).toEqual(new Set(['SOME_ERRORS']));
    expect(await head()).toMatchObject({ flag: 'DISABLED_FAILING' });
  });

  it('starts the count again after a success: 9 failures, a success, 9 failures leave the rule enabled', async () => {
    await save();
    await failures(9);
    await succeed();
    expect(streak()).toBeNull();
    await failures(9);
    expect(streak()).toBe(9);
    expect(await head()).toEqual(expect.not.objectContaining({ flag: expect.anything() as unknown }));
    expect(await flagEntries()).toEqual([]);
    expect((await statuses()).filter((s) => s === 'SUCCESS')).toHaveLength(1);
  });

  it('re-enabling clears the flag and the streak: the rule runs again and gets 10 fresh tries', async () => {
    await save();
    await failures(10);
    expect(await head()).toMatchObject({ flag: 'DISABLED_FAILING' });
    expect((await app.resolve('rules.setEnabled', { ruleId: RULE_ID, enabled: true })).ok).toBe(true);
    expect(await head()).toEqual(expect.not.objectContaining({ flag: expect.anything() as unknown }));
    expect(streak()).toBeNull();
    await failures(9);
    expect(await statuses()).toHaveLength(19);
    expect(await head()).toEqual(expect.not.objectContaining({ flag: expect.anything() as unknown }));
    await failures(1);
    expect(await head()).toMatchObject({ flag: 'DISABLED_FAILING' });
    expect(await flagEntries()).toHaveLength(2);
  });

  it('saving a new version clears the flag and the streak, in the audit entry of the save', async () => {
    await save();
    await failures(10);
    await save({ ...rule, name: 'Move to the named status' });
    expect(await head()).toMatchObject({ enabled: true });
    expect(await head()).toEqual(expect.not.objectContaining({ flag: expect.anything() as unknown }));
    expect(streak()).toBeNull();
    const audit = await app.resolve('audit.list', { ruleId: RULE_ID });
    expect((audit.result as { entries: Entry[] }).entries[0]).toMatchObject({ action: 'update', summary: expect.stringContaining('flag DISABLED_FAILING cleared') as unknown });
    await failures(1);
    expect(streak()).toBe(1);
  });

  it('counts an event delivered twice once', async () => {
    await save();
    const seen: unknown[] = [];
    app.site.onEvent((event) => seen.push(event));
    await failures(9);
    expect(seen).toHaveLength(9);
    for (const event of seen) app.runtime.publishEvent(event);
    await app.runtime.drain();
    const recorded = await statuses();
    expect(recorded.filter((s) => s === 'SKIPPED_DUPLICATE')).toHaveLength(9);
    expect(streak()).toBe(9);
    expect(await head()).toEqual(expect.not.objectContaining({ flag: expect.anything() as unknown }));
  });

  it('does not count dry runs', async () => {
    await save();
    await failures(9);
    for (let i = 0; i < 3; i += 1) {
      expect(await app.resolve('runs.start', { ruleId: RULE_ID, issueKey: 'RF-1', dryRun: true })).toMatchObject({ ok: true, result: { status: 'DRY_RUN' } });
    }
    expect(streak()).toBe(9);
    expect(await head()).toEqual(expect.not.objectContaining({ flag: expect.anything() as unknown }));
  });

  it('counts the per-issue executions of a run over a JQL set, and flags once however many fail at once', async () => {
    await save({ ...rule, trigger: { type: 'manual' }, actions: [{ type: 'transition', to: 'Nowhere' }] });
    const started = await app.resolve('runs.start', { ruleId: RULE_ID, dryRun: false, jql: 'project = RF ORDER BY key', maxIssues: 30 });
    expect(started.ok).toBe(true);
    await app.runtime.drain();
    const recorded = await statuses();
    expect(recorded).toHaveLength(30);
    expect(new Set(recorded)).toEqual(new Set(['FAILED']));
    expect(streak()).toBe(30);
    expect(await head()).toMatchObject({ flag: 'DISABLED_FAILING' });
    expect(await flagEntries()).toHaveLength(1);
    expect((await app.resolve('audit.verify', {})).result).toMatchObject({ ok: true });
  });

  it('leaves a rule the admin disabled as it is: no flag, no audit entry', async () => {
    await save({ ...rule, trigger: { type: 'manual' }, actions: [{ type: 'transition', to: 'Nowhere' }] });
    expect((await app.resolve('rules.setEnabled', { ruleId: RULE_ID, enabled: false })).ok).toBe(true);
    for (let i = 0; i < FAILURE_LIMIT + 1; i += 1) {
      expect(await app.resolve('runs.start', { ruleId: RULE_ID, issueKey: 'RF-1', dryRun: false })).toMatchObject({ ok: true, result: { status: 'FAILED' } });
    }
    expect(streak()).toBe(FAILURE_LIMIT + 1);
    expect(await head()).toMatchObject({ enabled: false });
    expect(await head()).toEqual(expect.not.objectContaining({ flag: expect.anything() as unknown }));
    expect(await flagEntries()).toEqual([]);
  });

  it('keeps the flag of a rule the app throttled rather than replacing it', async () => {
    await save({ ...rule, limits: { maxRunsPerHour: 1 } });
    await failures(2);
    expect(await head()).toMatchObject({ flag: 'DISABLED_THROTTLED' });
    for (let i = 0; i < FAILURE_LIMIT; i += 1) {
      expect(await app.resolve('runs.start', { ruleId: RULE_ID, issueKey: 'RF-1', dryRun: false })).toMatchObject({ ok: true, result: { status: 'FAILED' } });
    }
    expect(streak()).toBe(FAILURE_LIMIT + 1);
    expect(await head()).toMatchObject({ flag: 'DISABLED_THROTTLED' });
    expect((await flagEntries()).map((e) => e.summary)).toEqual([expect.stringContaining('DISABLED_THROTTLED')]);
  });
});
