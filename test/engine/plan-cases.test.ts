import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRule, planRun, type RunInput, type RunIssue } from '../../src/core/engine/index.js';
import { parseJiraEvent } from '../../src/core/event/jira-event-payload.js';
import { createLogicEngine } from '../../src/core/logic/engine.js';
import { validateRule } from '../../src/core/rule/validate.js';

/** test/engine/plan-cases.json: the planner's decisions, let values, planned actions and failures, as data. */
type CaseInput = {
  kind: 'event' | 'schedule' | 'manual';
  now?: string;
  fields?: Record<string, unknown>;
  eventType?: string;
  actor?: string;
  changelog?: unknown;
  comment?: unknown;
  dueAt?: string;
  firedAt?: string;
};
type PlanCase = {
  name: string;
  rule?: Record<string, unknown>;
  input: CaseInput;
  expect: { decision: string; let?: unknown; actions?: unknown[]; error?: { code: string; path: string } };
};
type CaseFile = { baseRule: Record<string, unknown>; baseIssue: RunIssue; cases: PlanCase[] };

const file = JSON.parse(readFileSync(new URL('./plan-cases.json', import.meta.url), 'utf8')) as CaseFile;
const engine = createLogicEngine();

function runInput(input: CaseInput): RunInput {
  const now = Date.parse(input.now ?? '2026-01-10T00:00:00Z');
  const issue = { ...file.baseIssue, fields: { ...file.baseIssue.fields, ...input.fields } };
  if (input.kind === 'manual') return { kind: 'manual', now, issue };
  if (input.kind === 'schedule') {
    const at = new Date(now).toISOString();
    return { kind: 'schedule', now, issue, schedule: { dueAt: input.dueAt ?? at, firedAt: input.firedAt ?? at } };
  }
  const payload = {
    eventType: input.eventType,
    atlassianId: input.actor ?? 'acc-1',
    issue,
    ...(input.changelog !== undefined && { changelog: input.changelog }),
    ...(input.comment !== undefined && { comment: input.comment }),
  };
  const parsed = parseJiraEvent(payload);
  if (!parsed.ok) throw new Error(`the case's event does not parse: ${JSON.stringify(parsed.issues)}`);
  return { kind: 'event', now, event: parsed.event };
}

describe('test/engine/plan-cases.json', () => {
  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const validated = validateRule({ ...file.baseRule, ...c.rule });
    expect(validated.ok ? [] : validated.issues).toEqual([]);
    if (!validated.ok) return;
    const compiled = compileRule(engine, validated.rule, 1, { cache: false });
    if (!compiled.ok) throw new Error(`does not compile: ${JSON.stringify(compiled.error)}`);
    const result = planRun(compiled.rule, runInput(c.input));

    expect(result.decision).toBe(c.expect.decision);
    expect(result.actions).toEqual(c.expect.decision === 'matched' ? c.expect.actions : []);
    if (c.expect.let !== undefined) expect(result.let).toEqual(c.expect.let);
    if (c.expect.error === undefined) {
      expect(result.error).toBeUndefined();
    } else {
      expect(result.error).toMatchObject(c.expect.error);
      expect(result.error?.message).toMatch(/\S/);
    }
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
