import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/app/run/work-message.js';
import { PRODUCT_EVENT_MAX_RETRIES } from '../../src/local/host/product-events.js';
import { compare } from '../../reliability/faults/compare.js';
import { runFaults, type FaultsFigures } from '../../reliability/faults/index.js';
import type { EffectKind, Observation } from '../../reliability/faults/observe.js';

// The "Duplicates and faults" scenario of `npm run reliability` at a small size, with the same invariants.
describe('duplicates and faults (smoke)', () => {
  let figures: FaultsFigures;

  it('loses no execution and duplicates no effect under repeats, failing calls and killed invocations', async () => {
    figures = await runFaults({ events: 320, waveSize: 80, seed: 3 });
    const { faulty, reference, verdict } = figures;
    // The faults really happened: repeats, failed storage and Jira calls, killed invocations.
    expect(faulty.duplicatesSent).toBeGreaterThan(15);
    expect(faulty.calls.storageFaults).toBeGreaterThan(30);
    expect(faulty.calls.jiraFaults).toBeGreaterThan(3);
    expect(faulty.killed).toBeGreaterThan(0);
    expect(faulty.observation.skippedDuplicates).toBeGreaterThan(0);
    // And the app still did exactly what the fault-free run did.
    expect(verdict.expectedRuns).toBeGreaterThan(30);
    expect(verdict.examples).toEqual([]);
    expect(verdict).toMatchObject({ lost: 0, duplicateRecords: 0, unexpected: 0, statusDiffers: 0, missingEffects: 0, gaveUp: 0 });
    expect(Object.values(verdict.duplicateEffects).every((n) => n === 0)).toBe(true);
    expect(faulty.observation.unmapped + reference.observation.unmapped).toBe(0);
    expect(faulty.observation.maxAttempts).toBeLessThanOrEqual(MAX_ATTEMPTS + PRODUCT_EVENT_MAX_RETRIES);
    expect(faulty.deliveries).toMatchObject({ failedForGood: 0, deadLetters: 0 });
  }, 300_000);
});

describe('the comparison counts what it claims to', () => {
  const effects = (comments: number): Observation['effects'] =>
    new Map([['RF-1', { comments, labels: 1, status: 0, assignee: 0, priority: 0, 'other fields': 0 } satisfies Record<EffectKind, number>]]);
  const observation = (finals: [string, string[]][], comments: number, results: [string, number][] = []): Observation => ({
    finals: new Map(finals), gaveUp: new Map(), skippedDuplicates: 0, results: new Map(results), effects: effects(comments), unmapped: 0, maxAttempts: 1, peopleEvents: 1,
  });

  it('counts a lost run, a duplicated record, a changed status, a duplicated comment and a missing result', () => {
    const reference = observation([['0.1:created|a', ['SUCCESS']], ['0.2:created|b', ['SUCCESS']], ['0.3:created|c', ['SUCCESS']]], 1, [['0.3:created|c', 1]]);
    const faulty = observation([['0.2:created|b', ['SUCCESS', 'SUCCESS']], ['0.3:created|c', ['FAILED']]], 2);
    expect(compare(reference, faulty)).toMatchObject({
      expectedRuns: 3, lost: 1, duplicateRecords: 1, statusDiffers: 1, unexpected: 0, missingEffects: 1, duplicateEffects: { comments: 1, labels: 0, results: 0 },
    });
  });

  it('tells a run that gave up after its last attempt from one that ended otherwise unexplained', () => {
    const reference = observation([['0.1:created|a', ['SUCCESS']]], 1, [['0.1:created|a', 1]]);
    const faulty = { ...observation([['0.1:created|a', ['SOME_ERRORS']]], 0), gaveUp: new Map([['0.1:created|a', 'RF-1']]) };
    expect(compare(reference, faulty)).toMatchObject({ lost: 0, statusDiffers: 0, gaveUp: 1, missingEffects: 0, missingWhereGivenUp: 2 });
  });
});
