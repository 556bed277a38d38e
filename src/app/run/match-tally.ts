import type { StoragePort } from '../../ports/storage.js';
import { drawShard, updateVersioned } from './versioned-update.js';

/**
 * Runs whose `when` was false, counted per rule and hour with ONE conditional write per event however many rules
 * did not match: a per-rule counter would make an event's storage round trips grow with the site's rule count.
 * Events spread over SHARDS items per hour by their identity, and a writer that loses a race draws another shard
 * instead of reading the same one again: a reader sums the shards of an hour, so any shard will do. With 4 shards
 * and re-reads, 40 events at once dropped 8 counts after 8 tries (16 storage calls) each; storage calls per event
 * grew with the load (reliability suite).
 */
export type MatchTally = { hour: string; shard: number; notMatched: Record<string, number>; writes: number };

/** At most 25, the most keys one batch read takes (notMatchedIn reads them all at once). */
export const SHARDS = 16;
/** Each try is another shard; after this many lost races the count is dropped (it feeds statistics, no decision). */
const MAX_TRIES = 4;
const TALLY_TTL_SECONDS = 400 * 24 * 3600;

const tallyRef = (hour: string, shard: number) => ({ entity: 'match-tally', key: `${hour}#${String(shard)}` });

export async function tallyNotMatched(storage: StoragePort, hour: string, eventIdentity: string, ruleIds: readonly string[]): Promise<void> {
  if (ruleIds.length === 0) return;
  // Each try draws its shard afresh from the identity: losers of one race scatter instead of meeting again next door.
  const shardOf = (tries: number): number => drawShard(eventIdentity, tries, SHARDS);
  await updateVersioned<MatchTally>(storage, (tries) => tallyRef(hour, shardOf(tries)), (current, tries) => {
    const next: MatchTally = current === undefined ? { hour, shard: shardOf(tries), notMatched: {}, writes: 0 } : { ...current, notMatched: { ...current.notMatched } };
    for (const ruleId of ruleIds) next.notMatched[ruleId] = (next.notMatched[ruleId] ?? 0) + 1;
    return next;
  }, { ttlSeconds: TALLY_TTL_SECONDS, presentAttribute: 'hour', maxTries: MAX_TRIES });
}

/** A rule's non-matches in one hour, summed over the shards (one round trip). */
export async function notMatchedIn(storage: StoragePort, hour: string, ruleId: string): Promise<number> {
  const shards = await storage.getMany<MatchTally>(Array.from({ length: SHARDS }, (_, shard) => tallyRef(hour, shard)));
  return shards.reduce((sum, tally) => sum + (tally?.notMatched[ruleId] ?? 0), 0);
}
