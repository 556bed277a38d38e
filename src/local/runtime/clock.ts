/**
 * The local runtime's one clock. Real time by default; tests and the dev API set or advance it, and everything that
 * waits on time in the emulation (TTLs, queue delays and retries, scheduled triggers) reads it here, never Date.now().
 * A frozen clock only moves when told to, which makes tests deterministic; an unfrozen one keeps ticking from wherever
 * it was last set.
 */
/** Wall-clock time, unaffected by the emulated clock (forge-globals.ts makes Date.now() read the Clock inside invocations). */
export const realNow: () => number = Date.now.bind(Date);

export type ClockOptions = { start?: number; frozen?: boolean };

export class Clock {
  #offset = 0;
  #frozenAt: number | undefined;
  readonly #listeners = new Set<(now: number) => void>();

  constructor(options: ClockOptions = {}) {
    if (options.start !== undefined) this.#offset = options.start - realNow();
    if (options.frozen === true) this.#frozenAt = options.start ?? realNow();
  }

  /** Epoch milliseconds. */
  now(): number {
    return this.#frozenAt ?? realNow() + this.#offset;
  }

  get frozen(): boolean {
    return this.#frozenAt !== undefined;
  }

  set(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new RangeError(`clock: ${String(epochMs)} is not a time`);
    if (this.#frozenAt !== undefined) this.#frozenAt = epochMs;
    else this.#offset = epochMs - realNow();
    this.#notify();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock: cannot advance by ${String(ms)} ms`);
    this.set(this.now() + ms);
  }

  /** Called after every set/advance, so waiters can fire what became due. Returns an unsubscribe function. */
  onChange(listener: (now: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    const now = this.now();
    for (const listener of this.#listeners) listener(now);
  }
}
