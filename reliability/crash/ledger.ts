/**
 * The parent's record of what the store must hold: every key's last acknowledged state (a value digest, or deleted),
 * with the write that acknowledged it, plus the one write that may be in doubt because its child was killed between
 * announcing it and acknowledging it. A killed write may have committed or not, but only wholly.
 */
import type { Effect, Intent } from './workload.js';

export type Expected = Effect & { writeId: string };
/** What verify found for the in-doubt write: committed wholly, not at all, or partly (a torn transaction). */
export type InDoubtOutcome = 'none' | 'applied' | 'absent' | 'torn';

const identity = (ns: string, key: string): string => `${ns}\u0000${key}`;

export class Ledger {
  readonly #expected = new Map<string, Expected>();
  readonly #lost = new Set<string>();
  #announced: Intent | undefined;
  #inDoubt: Intent | undefined;
  acknowledgedWrites = 0;
  acknowledgedOperations = 0;
  inDoubtApplied = 0;
  inDoubtAbsent = 0;
  torn = 0;

  /** A child announced a write (`w` line): it is in flight until acknowledged. */
  announce(intent: Intent): void {
    this.#announced = intent;
  }

  /** A child acknowledged a write (`a` line); false when the id is not the write in flight (a protocol error). */
  acknowledge(id: string): boolean {
    const intent = this.#announced;
    if (intent?.id !== id) return false;
    for (const effect of intent.effects) this.#expected.set(identity(effect.ns, effect.key), { ...effect, writeId: id });
    this.acknowledgedWrites += 1;
    this.acknowledgedOperations += intent.effects.length;
    this.#announced = undefined;
    return true;
  }

  /** The child is gone: a write it announced but never acknowledged is in doubt until the next verify; true if any. */
  childEnded(): boolean {
    const inFlight = this.#announced;
    if (inFlight !== undefined) this.#inDoubt = inFlight;
    this.#announced = undefined;
    return inFlight !== undefined;
  }

  get inDoubt(): Intent | undefined {
    return this.#inDoubt;
  }

  expected(): Expected[] {
    return [...this.#expected.values()];
  }

  /** Counts a lost acknowledged write once, however many verifies see it missing; true when it is new. */
  markLost(writeId: string): boolean {
    const fresh = !this.#lost.has(writeId);
    this.#lost.add(writeId);
    return fresh;
  }

  get lostWrites(): number {
    return this.#lost.size;
  }

  /** After a verify: the in-doubt write's keys take the state found, so later verifies hold the store to it. */
  settle(outcome: InDoubtOutcome, observed: readonly Effect[]): void {
    const intent = this.#inDoubt;
    if (intent === undefined || outcome === 'none') return;
    if (outcome === 'applied') this.inDoubtApplied += 1;
    else if (outcome === 'absent') this.inDoubtAbsent += 1;
    else this.torn += 1;
    if (outcome !== 'absent') {
      for (const effect of observed) this.#expected.set(identity(effect.ns, effect.key), { ...effect, writeId: `${intent.id} (unacknowledged)` });
    }
    this.#inDoubt = undefined;
  }
}
