import { afterEach, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../src/core/engine/index.js';
import { validateRule } from '../../src/core/rule/validate.js';
import { appEvaluator, BUDGET, type Evaluator } from '../../reliability/hostile/evaluator.js';
import { forgeDelivery } from '../../reliability/hostile/event-stage.js';
import { hostileRows, runHostile, type Deliver } from '../../reliability/hostile/index.js';

// The "Hostile input" scenario of `npm run reliability` at small counts, with the same invariants as the full run,
// and proof that each counter moves when given what it counts (so its 0 is measured, not built in).
const SEED = 26;

describe('hostile input (reliability smoke)', () => {
  afterEach(() => {
    Reflect.deleteProperty(Object.prototype, 'hostileSelfCheck');
  });

  it('validates, evaluates and rejects generated hostile input without a crash, an unstopped run or an unrecorded rejection', async () => {
    const figures = await runHostile({ documents: 400, events: 80, seed: SEED, inputsPerDocument: 2, eventsPerApp: 40 });
    const { documents: d, evaluation: e, events: ev } = figures;

    expect(d.documents).toBe(400);
    expect(d.crashes, d.crashSamples.join('\n')).toBe(0);
    expect(d.internalErrors, d.crashSamples.join('\n')).toBe(0);
    // The mix reaches both answers and the evaluator, or the zeros below would prove little.
    expect(d.valid).toBeGreaterThan(30);
    expect(d.invalid).toBeGreaterThan(200);

    expect(e.crashes, e.crashSamples.join('\n')).toBe(0);
    expect(e.evaluations).toBeGreaterThan(60);
    expect(e.overBudgetNotStopped).toBe(0);
    expect(e.notCompiled).toBe(0);
    expect(e.stopped.BUDGET_EXCEEDED + e.stopped.RESULT_TOO_LARGE).toBeGreaterThan(0);

    expect(ev.payloads).toBe(80);
    expect(ev.crashes, ev.crashSamples.join('\n')).toBe(0);
    expect(ev.malformed + ev.accepted).toBe(ev.payloads);
    expect(ev.malformed).toBeGreaterThan(40);
    expect(ev.recorded).toBe(ev.distinctMalformed);
    expect(ev.withoutStableKey).toBe(0);
    expect(ev.apps).toBe(2);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const rows = hostileRows(figures);
    expect(rows.every((r) => r.scenario === 'Hostile input')).toBe(true);
    expect(rows.find((r) => r.figure === 'validation crashes')).toMatchObject({ value: '0', goal: '0', ok: true });
    expect(rows.find((r) => r.figure === 'recorded as rejected')?.ok).toBe(true);
  });

  it('counts a validator that throws or answers without an issue shape, and one that reports its own failure', async () => {
    let calls = 0;
    const faulty = (input: unknown) => {
      calls++;
      if (calls === 3) throw new Error('validator bug');
      if (calls === 5) return { ok: false, issues: [{ path: '', code: 7, message: 'no code' }] } as unknown as ReturnType<typeof validateRule>;
      if (calls === 7) return { ok: false as const, issues: [{ path: '', code: 'INTERNAL_ERROR' as const, message: 'The validator failed' }] };
      return validateRule(input);
    };
    const { documents } = await runHostile({ documents: 20, events: 0, seed: SEED, validate: faulty });
    expect(documents.crashes).toBe(2);
    expect(documents.internalErrors).toBe(1);
    expect(documents.crashSamples).toHaveLength(3);
  });

  it('counts an evaluator that throws, a run over budget that was not stopped, and prototype pollution', async () => {
    let runs = 0;
    const real = appEvaluator();
    const faulty: Evaluator = (rule) => {
      const compiled = real(rule);
      if (!compiled.ok) return compiled;
      return {
        ok: true,
        run(input): PlanResult[] {
          runs++;
          if (runs === 1) return [{ decision: 'matched', let: {}, actions: [], operations: BUDGET + 1 }];
          if (runs === 2) throw new RangeError('Maximum call stack size exceeded');
          if (runs === 3) Reflect.set(Object.prototype, 'hostileSelfCheck', true);
          return compiled.run(input);
        },
      };
    };
    const { evaluation } = await runHostile({ documents: 60, events: 0, seed: SEED, inputsPerDocument: 2, evaluate: faulty });
    expect(evaluation.evaluations).toBeGreaterThanOrEqual(3);
    expect(evaluation.overBudgetNotStopped).toBe(1);
    // The throw, and the pollution found after the stage.
    expect(evaluation.crashes).toBe(2);
    expect(evaluation.crashSamples.join('\n')).toContain('hostileSelfCheck');
  });

  it('counts a delivery that fails and a rejection that left no record', async () => {
    let deliveries = 0;
    const faulty: Deliver = async (app, payload) => {
      deliveries++;
      if (deliveries === 1) return { outcome: 'threw', error: { name: 'Error', message: 'handler bug' } };
      if (deliveries === 2) return { outcome: 'returned', value: { accepted: false, code: 'MALFORMED_EVENT', issues: 1, recorded: true } };
      return forgeDelivery(app, payload);
    };
    const { events } = await runHostile({ documents: 0, events: 12, seed: SEED + 1, deliver: faulty });
    expect(events.crashes).toBe(1);
    expect(events.recorded).toBeLessThan(events.distinctMalformed);
  });
});
