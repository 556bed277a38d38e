// Throughput in CPU time, in interleaved slices, as bench/validate.bench.ts measures (see its `compare`), with these
// differences: a contender may be asynchronous (json-rules-engine; every call is awaited); the clock is read once per
// batch of at least 0.1 ms, because reading it costs ~0.4 µs, which would weigh on the fastest contenders most; and
// each contender walks the workload round-robin and keeps its place from one slice to the next, so every case is
// measured even when a slice is shorter than a pass.

export type Contender =
  | { name: string; step: (index: number) => unknown }
  | { name: string; stepAsync: (index: number) => Promise<unknown> };

/** CPU time of this process in ms: unlike wall time, it does not count the time a busy or shared machine steals. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

type State = { cursor: number; batch: number };

/** Calls per CPU second over about `ms` of CPU time, continuing from `state.cursor`. */
async function slice(contender: Contender, size: number, state: State, ms: number): Promise<number> {
  let count = 0;
  let cursor = state.cursor;
  const start = cpuMs();
  let elapsed = 0;
  do {
    if ('step' in contender) {
      for (let i = 0; i < state.batch; i++) {
        contender.step(cursor);
        cursor = cursor + 1 === size ? 0 : cursor + 1;
      }
    } else {
      for (let i = 0; i < state.batch; i++) {
        await contender.stepAsync(cursor);
        cursor = cursor + 1 === size ? 0 : cursor + 1;
      }
    }
    count += state.batch;
    const before = elapsed;
    elapsed = cpuMs() - start;
    // Grow the batch until one takes 0.1 ms or more; it never shrinks, so a stall cannot leave a contender paying
    // for a clock read on every call.
    if (elapsed - before < 0.1) state.batch *= 2;
  } while (elapsed < ms);
  state.cursor = cursor;
  return count / (elapsed / 1000);
}

export type MeasureOptions = {
  slices?: number;
  sliceMs?: number;
  warmupMs?: number;
  /** Which slice to report, by rate: 0.5 is the median, 1 the fastest. */
  quantile?: number;
};

/**
 * Calls per CPU second of each contender over a workload of `size` cases. Warm-up first (V8 optimises after
 * thousands of calls), then `slices` rounds in which every contender runs one short slice; the order rotates each
 * round so that no contender always follows the same one (and inherits its garbage).
 *
 * The figure is the slice at the upper quartile of rate, not the median: on this machine the noise is stalls that
 * are charged to the process as CPU time (a 10 ms loop sometimes reads 100-300 ms) and hit up to half of the slices
 * under load, so it only ever slows a slice down; the fastest quartile is what the code costs, and every contender
 * gets the same treatment. Short slices keep the share of slices hit low.
 */
export async function compare(contenders: Contender[], size: number, options: MeasureOptions = {}): Promise<number[]> {
  const { slices = 31, sliceMs = 10, warmupMs = 200, quantile = 0.75 } = options;
  const states = contenders.map((): State => ({ cursor: 0, batch: 1 }));
  for (const [i, contender] of contenders.entries()) await slice(contender, size, states[i] as State, warmupMs);
  const samples = contenders.map(() => [] as number[]);
  for (let s = 0; s < slices; s++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (s + k) % contenders.length;
      samples[i]?.push(await slice(contenders[i] as Contender, size, states[i] as State, sliceMs));
    }
  }
  return samples.map((values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * quantile))] ?? 0;
  });
}
