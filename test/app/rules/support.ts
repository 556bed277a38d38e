/**
 * Helpers for the rule-storage tests: rule documents, a settable clock, and storage wrappers that count calls or
 * hold transactions back so concurrent changes provably plan against the same state.
 */
import { readFileSync } from 'node:fs';
import type { EntityQuery, ItemRef, StoragePort, TransactOp, TransactResult } from '../../../src/ports/storage.js';

const root = new URL('../../../', import.meta.url);

/** An example rule from rules/, as an admin would save it. */
export function exampleRule(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`rules/${name}.json`, root), 'utf8')) as Record<string, unknown>;
}

export type Trigger = { type: 'event'; events: string[] } | { type: 'schedule'; cron: string; jql: string } | { type: 'manual' };

/** A small valid rule. */
export function ruleDoc(id: string, options: { name?: string; trigger?: Trigger; enabled?: boolean; labels?: string[]; when?: unknown } = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id,
    name: options.name ?? `Rule ${id}`,
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
    trigger: options.trigger ?? { type: 'event', events: ['avi:jira:created:issue'] },
    ...(options.when === undefined ? {} : { when: options.when }),
    actions: [{ type: 'addLabels', labels: options.labels ?? ['triage'] }],
  };
}

export function testClock(start = Date.parse('2026-03-02T09:00:00Z')): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

export type Calls = Record<keyof StoragePort, number>;

/** Counts calls per method; `reset()` zeroes the counts. */
export function counting(storage: StoragePort): { storage: StoragePort; calls: Calls; reset: () => void } {
  const calls: Calls = { get: 0, getMany: 0, set: 0, create: 0, delete: 0, query: 0, listKeys: 0, transact: 0 };
  const inner = bound(storage);
  const wrapped = Object.fromEntries(
    (Object.keys(calls) as (keyof StoragePort)[]).map((name) => [
      name,
      (...args: unknown[]) => {
        calls[name]++;
        return (inner[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as StoragePort;
  return { storage: wrapped, calls, reset: () => {
      for (const name of Object.keys(calls) as (keyof StoragePort)[]) calls[name] = 0;
    },
  };
}

/**
 * Holds the first `n` transactions until all `n` have been asked for, then runs them one after another in arrival
 * order. `n` concurrent changes therefore all plan against the same state before any of them commits.
 */
export function transactBarrier(storage: StoragePort, n: number): StoragePort {
  const waiting: (() => void)[] = [];
  let arrived = 0;
  let chain: Promise<unknown> = Promise.resolve();
  const transact = (ops: readonly TransactOp[]): Promise<TransactResult> => {
    if (arrived >= n) return storage.transact(ops);
    arrived++;
    const turn = new Promise<void>((resolve) => waiting.push(resolve));
    if (arrived === n) for (const release of waiting) release();
    const previous = chain;
    const result = Promise.all([turn, previous]).then(() => storage.transact(ops));
    chain = result.catch(() => undefined);
    return result;
  };
  return { ...bound(storage), transact };
}

/** The port's methods bound to `storage`, so wrappers work for class instances too. */
export function bound(storage: StoragePort): StoragePort {
  return {
    get: <T>(ref: ItemRef) => storage.get<T>(ref),
    getMany: <T>(refs: readonly ItemRef[]) => storage.getMany<T>(refs),
    set: (ref, value, options) => storage.set(ref, value, options),
    create: (ref, value, options) => storage.create(ref, value, options),
    delete: (ref) => storage.delete(ref),
    query: <T>(query: EntityQuery) => storage.query<T>(query),
    listKeys: <T>(prefix: string, options?: { limit?: number; cursor?: string }) => storage.listKeys<T>(prefix, options),
    transact: (ops) => storage.transact(ops),
  };
}
