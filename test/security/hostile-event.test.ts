import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../app/run/harness.js';

// Hostile event payloads through the deployed trigger function in the local runtime: whatever arrives, the handler
// returns, records the rejection where the admin page lists failures, and keeps none of the payload's content.
let app: App;
beforeAll(() => {
  app = startApp();
});
afterAll(() => {
  app.close();
});

const MARK = 'HOSTILE-CONTENT-91c2';

/** Payloads shaped like events in the ways that make parsers trip: wrong types, prototype keys, depth, size. */
const hostile = fc.oneof(
  fc.jsonValue(),
  fc.record({
    eventType: fc.oneof(fc.constantFrom('avi:jira:updated:issue', 'avi:jira:created:issue', '__proto__', 'constructor'), fc.string()),
    issue: fc.oneof(fc.jsonValue(), fc.record({ id: fc.jsonValue(), key: fc.constantFrom(`${MARK}-1`, '__proto__', 'RF-1'), fields: fc.constant(JSON.parse(`{"__proto__": {"polluted": true}, "summary": "${MARK}"}`) as unknown) })),
    changelog: fc.oneof(fc.jsonValue(), fc.record({ items: fc.array(fc.dictionary(fc.constantFrom('field', 'fieldId', 'toString', 'constructor'), fc.jsonValue()), { maxLength: 3 }) })),
    atlassianId: fc.oneof(fc.string(), fc.constant(MARK)),
  }, { requiredKeys: ['eventType'] }),
);

async function deliver(payload: unknown): Promise<{ outcome: string; value?: unknown }> {
  return app.runtime.host.invoke('jira-event', { moduleType: 'core:function', moduleKey: 'jira-events', args: [payload, {}] });
}

describe('hostile event payloads', () => {
  it('never crash the trigger handler: each is answered and recorded as rejected, without its content', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    let rejected = 0;
    try {
      await fc.assert(
        fc.asyncProperty(hostile, async (payload) => {
          const outcome = await deliver(payload);
          expect(outcome.outcome).toBe('returned');
          const value = outcome.value as { accepted: boolean; code?: string; recorded?: boolean };
          if (!value.accepted) {
            rejected += 1;
            expect(value).toMatchObject({ code: 'MALFORMED_EVENT', recorded: true });
          }
        }),
        { numRuns: 150, seed: 9 },
      );
      // Deeply nested input, far past anything Jira sends (as deep as the JSON boundary into a function carries).
      let deep: unknown = MARK;
      for (let i = 0; i < 1_500; i++) deep = { issue: deep };
      expect((await deliver(deep)).outcome).toBe('returned');
    } finally {
      console.warn = warn;
    }
    expect(rejected).toBeGreaterThan(50);
    const records = app.runtime.storage.contents().filter((row) => row.entity === 'execution');
    expect(records.length).toBeGreaterThan(0);
    for (const row of records) expect(row.value).toMatchObject({ status: 'FAILED', error: { code: 'MALFORMED_EVENT' } });
    expect(JSON.stringify(records)).not.toContain(MARK);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
