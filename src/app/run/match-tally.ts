import type { StoragePort } from '../../ports/storage.js';
import { digest } from './event-identity.js';
import { updateVersioned } from './versioned-update.js';

/**
 * Runs whose `when` was false, counted per rule and hour with ONE conditional write per event however many rules
 * did not match: a per-rule counter would make an event's storage round trips grow with the site's rule count.
 * Events spread over SHARDS items per hour by their identity, so concurrent events rarely race for one item; a
 * reader sums the shards of an hour.
 */
export type MatchTally = { hour: string; shard: number; notMatched: Record<string, number>; writes: number };

export const SHARDS = 4;
const TALLY_TTL_SECONDS = 400 * 24 * 3600;

const tallyRef = (hour: string, shard: number) => ({ entity: 'match-tally', key: `${hour}#${String(shard)}` });

export async function tallyNotMatched(storage: StoragePort, hour: string, eventIdentity: string, ruleIds: readonly string[]): Promise<void> {
  if (ruleIds.length === 0) return;
  const shard = Number.parseInt(digest(eventIdentity).slice(0, 8), 16) % SHARDS;
  await updateVersioned<MatchTally>(storage, tallyRef(hour, shard), (current) => {
    const next: MatchTally = current === undefined ? { hour, shard, notMatched: {}, writes: 0 } : { ...current, notMatched: { ...current.notMatched } };
    for (const ruleId of ruleIds) next.notMatched[ruleId] = (next.notMatched[ruleId] ?? 0) + 1;
    return next;
  }, { ttlSeconds: TALLY_TTL_SECONDS, presentAttribute: 'hour' });
}

/** A rule's non-matches in one hour, summed over the shards (one round trip). */
export async function notMatchedIn(storage: StoragePort, hour: string, ruleId: string): Promise<number> {
  const shards = await storage.getMany<MatchTally>(Array.from({ length: SHARDS }, (_, shard) => tallyRef(hour, shard)));
  return shards.reduce((sum, tally) => sum + (tally?.notMatched[ruleId] ?? 0), 0);
}
