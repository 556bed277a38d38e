import { expect, it } from 'vitest';
import { slowStorage } from '../../../test/support/slow-storage.js';
import { notMatchedIn, tallyNotMatched } from './match-tally.js';

it('counts 40 events that arrive at once, each in a few calls: a writer that loses a race moves to another shard', async () => {
  const { storage, calls } = slowStorage();
  const hour = '2026-03-02T09';
  await Promise.all(Array.from({ length: 40 }, (_, i) => tallyNotMatched(storage, hour, `avi:jira:updated:issue|${String(10_000 + i)}|changelog:${String(i)}`, ['a', 'b'])));
  const spent = calls();
  expect(await notMatchedIn(storage, hour, 'a')).toBe(40);
  expect(await notMatchedIn(storage, hour, 'b')).toBe(40);
  // One read and one conditional write per try: in this worst case (all 40 in lockstep) two tries each on average.
  // With 4 shards and re-reads of the same one, 8 of the 40 were dropped after 8 tries.
  expect(spent / 40).toBeLessThanOrEqual(4);
});
