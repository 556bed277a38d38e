import { expect, it } from 'vitest';
import type { StoragePort } from '../../ports/storage.js';
import { createMemoryStorage, manifestEntityDeclarations } from '../../../test/support/memory-storage.js';
import { notMatchedIn, tallyNotMatched } from './match-tally.js';

/** Every call takes a while, so invocations running at once read the same items before any of them writes. */
function slowStorage(): { storage: StoragePort; calls: () => number } {
  const memory = createMemoryStorage({ entities: manifestEntityDeclarations() });
  let calls = 0;
  const storage = new Proxy(memory, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { storage, calls: () => calls };
}

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
