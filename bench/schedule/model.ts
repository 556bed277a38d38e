/**
 * The projection model: an invocation's duration on Forge from what it did, and a run's wall time from its
 * invocations. Stated in docs/benchmarks-schedule.md ("How to read"); checked against the calibration run.
 *
 *   duration = CPU + latency, latency = searches × search + other Jira calls × jira + storage calls × kvs, where
 *   calls the code makes at once count once: an act job carries out 5 issues at once (every call ÷ 5); the pager
 *   writes a page's batches at once (a page's batch writes count as one storage call). Ticks and dispatches are
 *   sequential. Queue pushes and queue hops count 0 ms.
 *   CPU: from the run without latency, this process's CPU time while the invocation ran, shared out with whatever
 *   ran at the same time (4 act jobs at once share one thread).
 */
import type { Latency, Slept } from './latency.js';
import type { Invocation, WorkKind } from './scenario.js';

// The app's own numbers, so the model follows the code when they change.
import { ACT_PARALLEL_ITEMS } from '../../src/app/schedule/act-batch.js';
import { ACT_CONCURRENCY, DISPATCH_PAUSE_SECONDS, DISPATCH_PER_INVOCATION } from '../../src/app/schedule/dispatch.js';
export { ACT_CONCURRENCY, ACT_PARALLEL_ITEMS, DISPATCH_PER_INVOCATION };
export const DISPATCH_PAUSE_MS = DISPATCH_PAUSE_SECONDS * 1000;

/**
 * Each invocation's CPU-ish time: this process's CPU time while it ran, with every stretch shared out equally among
 * the invocations running then (processor sharing on the one JavaScript thread). CPU time, not wall time: on this
 * shared machine the process often waits for a core, and that wait is no work of the app's. Input order is kept.
 */
export function sharedCpu(invocations: readonly Invocation[]): number[] {
  type Edge = { at: number; cpu: number; index: number; start: boolean };
  const edges: Edge[] = [];
  invocations.forEach((inv, index) => {
    edges.push({ at: inv.startedAt, cpu: inv.cpuAtStart, index, start: true }, { at: inv.endedAt, cpu: inv.cpuAtEnd, index, start: false });
  });
  edges.sort((a, b) => a.at - b.at || Number(a.start) - Number(b.start));
  const cpu = invocations.map(() => 0);
  const running = new Set<number>();
  let last = edges[0]?.cpu ?? 0;
  for (const edge of edges) {
    if (running.size > 0) {
      const share = Math.max(0, edge.cpu - last) / running.size;
      for (const index of running) cpu[index] = (cpu[index] ?? 0) + share;
    }
    last = Math.max(last, edge.cpu);
    if (edge.start) running.add(edge.index);
    else running.delete(edge.index);
  }
  return cpu;
}

export type Shape = { batchesPerPage: number };

/** Milliseconds the calls of one invocation waited, by service, before any overlap: counts × latency. */
export const asked = (inv: Pick<Invocation, 'calls'>, latency: Latency): Slept => ({
  search: inv.calls.jiraSearch * latency.searchMs,
  jira: (inv.calls.jira - inv.calls.jiraSearch) * latency.jiraMs,
  kvs: inv.calls.kvs * latency.kvsMs,
});

/** The latency part of the model: the calls' waits with the code's overlap taken out. */
export function latencyMs(inv: Pick<Invocation, 'kind' | 'calls'>, waits: Slept, shape: Shape): number {
  switch (inv.kind) {
    case 'act':
      return (waits.search + waits.jira + waits.kvs) / ACT_PARALLEL_ITEMS;
    case 'page': {
      const { kvs, jiraSearch } = inv.calls;
      const rounds = Math.max(0, kvs - jiraSearch * Math.max(0, shape.batchesPerPage - 1));
      return waits.search + waits.jira + (kvs === 0 ? 0 : (waits.kvs * rounds) / kvs);
    }
    default:
      return waits.search + waits.jira + waits.kvs;
  }
}

/** CPU per SDK call by kind of work, from the run without latency: the CPU part of the model for any counts. */
export function cpuPerCall(invocations: readonly Invocation[], cpu: readonly number[]): Map<WorkKind, number> {
  const sums = new Map<WorkKind, { cpu: number; calls: number }>();
  invocations.forEach((inv, i) => {
    const entry = sums.get(inv.kind) ?? { cpu: 0, calls: 0 };
    entry.cpu += cpu[i] ?? 0;
    entry.calls += inv.calls.kvs + inv.calls.jira + inv.calls.queue;
    sums.set(inv.kind, entry);
  });
  return new Map([...sums].map(([kind, s]) => [kind, s.calls === 0 ? 0 : s.cpu / s.calls]));
}

export type Projected = Invocation & { cpuMs: number; projectedMs: number };

/**
 * Every invocation's projected duration. `cpu`: each invocation's own, or CPU per call by kind. `waits`: the latency
 * asked for, or `'slept'` for what each invocation's injected sleeps really took (the check on a busy machine).
 */
export function project(invocations: readonly Invocation[], waits: Latency | 'slept', shape: Shape, cpu: readonly number[] | Map<WorkKind, number>): Projected[] {
  return invocations.map((inv, i) => {
    const cpuMs = cpu instanceof Map ? (cpu.get(inv.kind) ?? 0) * (inv.calls.kvs + inv.calls.jira + inv.calls.queue) : (cpu[i] ?? 0);
    return { ...inv, cpuMs, projectedMs: cpuMs + latencyMs(inv, waits === 'slept' ? inv.slept : asked(inv, waits), shape) };
  });
}

export type Timeline = {
  /** From the due tick's start to the end of the last pager invocation. */
  pagingMs: number;
  /** From the end of paging to the last act job's end. */
  actingMs: number;
  totalMs: number;
  /** Most events pushed in any 60 s window. */
  peakEventsPerMinute: number;
};

/**
 * A run's wall time on Forge from its projected invocations: the due tick, then the pager invocations one after
 * another (each hands over to the next), then act jobs: the last pager pushes the first 200, a dispatch every
 * 30 s pushes the next 200, and at most 4 run at once, each taking its own projected duration, in order.
 */
export function timeline(projected: readonly Projected[], batches: number): Timeline {
  const tick = projected.find((p) => p.kind === 'tick')?.projectedMs ?? 0;
  const pages = projected.filter((p) => p.kind === 'page');
  const dispatches = projected.filter((p) => p.kind === 'dispatch');
  const acts = projected.filter((p) => p.kind === 'act').map((p) => p.projectedMs);
  const pushes: { at: number; events: number }[] = [];
  let t = tick;
  pushes.push({ at: t, events: 1 });
  for (const page of pages) {
    t += page.projectedMs;
    pushes.push({ at: t, events: page.calls.eventsPushed });
  }
  const pagingMs = t;
  // When each batch can start: the first share with the last page, then one share per dispatch.
  const available: number[] = [];
  let shareAt = pagingMs;
  for (let k = 0; available.length < batches; k++) {
    if (k > 0) {
      shareAt += DISPATCH_PAUSE_MS + (dispatches[k - 1]?.projectedMs ?? 0);
      pushes.push({ at: shareAt, events: dispatches[k - 1]?.calls.eventsPushed ?? DISPATCH_PER_INVOCATION + 1 });
    }
    for (let j = 0; j < DISPATCH_PER_INVOCATION && available.length < batches; j++) available.push(shareAt);
  }
  const slots = Array.from({ length: ACT_CONCURRENCY }, () => 0);
  let end = pagingMs;
  available.forEach((at, j) => {
    const slot = slots.indexOf(Math.min(...slots));
    const start = Math.max(at, slots[slot] ?? 0);
    const done = start + (acts[j % Math.max(1, acts.length)] ?? 0);
    slots[slot] = done;
    end = Math.max(end, done);
  });
  return { pagingMs, actingMs: end - pagingMs, totalMs: end, peakEventsPerMinute: peakPerMinute(pushes) };
}

/** Most events in any window of 60 s (windows start at a push). */
export function peakPerMinute(pushes: readonly { at: number; events: number }[]): number {
  const sorted = [...pushes].sort((a, b) => a.at - b.at);
  let peak = 0;
  let sum = 0;
  let from = 0;
  for (const push of sorted) {
    sum += push.events;
    while ((sorted[from]?.at ?? 0) <= push.at - 60_000) sum -= sorted[from++]?.events ?? 0;
    peak = Math.max(peak, sum);
  }
  return peak;
}
