import type { ItemRef, StoragePort } from '../../ports/storage.js';
import { digest } from './event-identity.js';

/** An entity item that counts its own writes, so a writer can tell whether anyone wrote since it read. */
export type Versioned = { writes: number };

/**
 * Read, change, write back only if nobody wrote in between (a condition on `writes`; for a new item, on an
 * attribute every item has being absent); a writer that lost the race reads again, the same item or, when `ref`
 * is a function of the try, another one (a sharded count, where any shard will do). After `maxTries` lost races
 * the change is dropped: callers use this for counts that inform (throttling, charts), never for correctness.
 */
export async function updateVersioned<T extends Versioned>(
  storage: StoragePort,
  refOf: (ItemRef & { entity: string }) | ((tries: number) => ItemRef & { entity: string }),
  change: (current: T | undefined, tries: number) => T,
  options: { ttlSeconds: number; presentAttribute: string; maxTries?: number },
): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    const ref = typeof refOf === 'function' ? refOf(tries) : refOf;
    const current = await storage.get<T>(ref);
    const next = { ...change(current, tries), writes: (current?.writes ?? 0) + 1 };
    const result = await storage.transact([{
      op: 'set',
      ref,
      value: next,
      options: { ttlSeconds: options.ttlSeconds },
      condition: current === undefined ? { attribute: options.presentAttribute, notExists: true } : { attribute: 'writes', equalTo: current.writes },
    }]);
    if (result.ok || tries + 1 >= (options.maxTries ?? 8)) return next;
  }
}

/**
 * The shard a sharded count's writer tries at its `tries`-th attempt, drawn from `spread` (an event's identity, a
 * run's key): writers that lost a race to each other draw apart instead of meeting again on the next shard.
 */
export function drawShard(spread: string, tries: number, shards: number): number {
  return Number.parseInt(digest(`${spread}#${String(tries)}`).slice(0, 8), 16) % shards;
}
