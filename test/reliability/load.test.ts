import { expect, it } from 'vitest';
import { runLoad } from '../../reliability/load/index.js';

// The "Load" scenario of `npm run reliability` at a small size. Its times are the machine's: they are printed by
// the full run, never asserted; what is asserted is that every event was handled and what one event costs in calls.
it('handles every event under storage and Jira latency, within the calls per event the design allows', async () => {
  const figures = await runLoad({ rates: [4], secondsPerRate: 4, warmUpChanges: 20 });
  const [rate] = figures.rates;
  expect(rate?.events).toBeGreaterThan(10);
  expect(rate?.failures).toBe(0);
  expect(rate?.executions).toBeGreaterThan(0);
  // One active-ruleset read, a claim, counters and the final transaction per matched run; one issue read, one write
  // per action (decision 0012 "Consequences"). Measured about 10 storage and 1.6 Jira calls per event.
  expect(rate?.storageCallsPerEvent).toBeGreaterThan(1);
  expect(rate?.storageCallsPerEvent).toBeLessThan(20);
  expect(rate?.jiraCallsPerEvent).toBeLessThan(4);
}, 180_000);
