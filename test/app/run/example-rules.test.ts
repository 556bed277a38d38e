import { afterEach, describe, expect, it } from 'vitest';
import type { PlannedAction } from '../../vectors/vector-schema.js';
import { eventCases, importVectorIssue, startVectorApp, type EventCase, type VectorApp } from './example-cases.js';

// Every event-triggered example rule on each vector case it matches, end to end: saved through the admin resolver,
// the vector's issue on the simulated site, the vector's event delivered as Forge would, then Jira read back over
// REST must show each planned action's effect, and the rule must have one SUCCESS execution.
let app: VectorApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

type Execution = { executionId: string; status: string; issueKey: string; actions: { type: string; status: string }[] };
type Fields = Record<string, unknown> & { labels: string[]; status: { name: string }; assignee: { accountId: string } | null };
type CommentPage = { comments: { author: { accountId: string }; body: { content: { content?: { text?: string }[] }[] } }[] };

const cases = eventCases();

async function run(c: EventCase): Promise<{ running: VectorApp; execution: Execution }> {
  const running = startVectorApp(c.now);
  app = running;
  expect(await running.resolve('rules.save', { document: c.document, expectedVersion: null })).toMatchObject({ ok: true });
  importVectorIssue(running.site, c);
  running.runtime.publishEvent(c.event);
  await running.runtime.drain();
  const listed = await running.resolve('executions.list', { ruleId: c.ruleId });
  const executions = (listed.result as { items: { value: Execution }[] }).items.map((i) => i.value);
  expect(executions.map((e) => e.status)).toEqual(['SUCCESS']);
  const execution = executions[0] as Execution;
  expect(execution.actions).toEqual(c.actions.map((a) => expect.objectContaining({ type: a.type, status: 'done' }) as unknown));
  return { running, execution };
}

function plainText(page: CommentPage, author: string): string[] {
  return page.comments.filter((c) => c.author.accountId === author).map((c) => c.body.content.map((p) => (p.content ?? []).map((t) => t.text ?? '').join('')).join('\n'));
}

async function expectEffects(running: VectorApp, c: EventCase, execution: Execution): Promise<void> {
  const key = execution.issueKey;
  const setFields = c.actions.flatMap((a) => (a.type === 'setField' ? [a.field] : []));
  const fields = ((await running.read(`/issue/${key}?fields=${['labels', 'status', 'assignee', ...setFields].join(',')}`)) as { fields: Fields }).fields;
  const byApp = plainText((await running.read(`/issue/${key}/comment`)) as CommentPage, running.appAccountId);
  for (const [index, action] of c.actions.entries()) await expectEffect(running, action, { fields, byApp, executionId: execution.executionId, index });
}

async function expectEffect(running: VectorApp, action: PlannedAction, seen: { fields: Fields; byApp: string[]; executionId: string; index: number }): Promise<void> {
  const { fields } = seen;
  switch (action.type) {
    case 'addLabels':
      expect(fields.labels).toEqual(expect.arrayContaining(action.labels));
      return;
    case 'removeLabels':
      for (const label of action.labels) expect(fields.labels).not.toContain(label);
      return;
    case 'comment':
      expect(seen.byApp.filter((text) => text === action.body)).toHaveLength(1);
      return;
    case 'setField':
      expect(fields[action.field]).toMatchObject(action.value as object);
      return;
    case 'transition':
      expect(fields.status.name.toLowerCase()).toBe(action.to.toLowerCase());
      return;
    case 'assign':
      expect(fields.assignee?.accountId ?? null).toBe(action.accountId);
      return;
    case 'record':
      expect(await running.result(seen.executionId, seen.index)).toMatchObject({ name: action.name, value: action.value });
      return;
  }
}

describe('the example rules on their event vectors, through the local runtime and the simulated site', () => {
  it('covers every event-triggered example rule that has a matched vector', () => {
    expect(new Set(cases.map((c) => c.ruleId)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [`${c.ruleId}: ${c.name}`, c] as const))('%s', async (_name, c) => {
    const { running, execution } = await run(c);
    await expectEffects(running, c, execution);
  });
});
