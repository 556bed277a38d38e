/**
 * Latency as a large Jira Cloud site and Forge storage show it, injected into the local runtime by wrapping the two
 * wire services' `handle`: a Jira call sleeps by its path (a search page costs twice a single-issue call, which the
 * runtime's per-service fault injection cannot express), a storage call sleeps a fixed time. Each sleep is timed
 * and charged to the invocation that made the call: on a busy machine a timer fires late (the process gets no core
 * when it falls due), so the latency a call really got is the asked one plus that overshoot, and the model's check
 * needs both.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JiraSite } from '../../src/local/jira/site/index.js';
import type { LocalRuntime } from '../../src/local/runtime/local-runtime.js';
import type { Caller } from '../../src/local/runtime/wire.js';

export type Latency = {
  /** POST/GET /rest/api/3/search/jql, per page. */
  searchMs: number;
  /** Every other Jira REST call (issue edits, comments, the approximate count). */
  jiraMs: number;
  /** Every storage call (get, set, query, batch, transaction). */
  kvsMs: number;
};

export const NO_LATENCY: Latency = { searchMs: 0, jiraMs: 0, kvsMs: 0 };

export type Service = 'search' | 'jira' | 'kvs';
/** Milliseconds slept, by service. */
export type Slept = Record<Service, number>;

/** The sleeps injected: asked and really taken, in total and per invocation id. */
export class SleepTally {
  readonly count: Slept = { search: 0, jira: 0, kvs: 0 };
  readonly asked: Slept = { search: 0, jira: 0, kvs: 0 };
  readonly actual: Slept = { search: 0, jira: 0, kvs: 0 };
  readonly #byInvocation = new Map<string, Slept>();

  async sleep(service: Service, ms: number, caller: Caller): Promise<void> {
    if (ms <= 0) return;
    const started = performance.now();
    await sleep(ms);
    const took = performance.now() - started;
    this.count[service] += 1;
    this.asked[service] += ms;
    this.actual[service] += took;
    let mine = this.#byInvocation.get(caller.invocationId);
    if (mine === undefined) this.#byInvocation.set(caller.invocationId, (mine = { search: 0, jira: 0, kvs: 0 }));
    mine[service] += took;
  }

  /** What the sleeps of one invocation really took, by service; forgets them. */
  take(invocationId: string): Slept {
    const mine = this.#byInvocation.get(invocationId) ?? { search: 0, jira: 0, kvs: 0 };
    this.#byInvocation.delete(invocationId);
    return mine;
  }
}

const SEARCH_PATH = '/rest/api/3/search/jql';
const isSearch = (path: string): boolean => path === SEARCH_PATH || path.startsWith(`${SEARCH_PATH}?`);

/** The site with Jira's latency in front of `handle`; its other methods (onEvent, generate…) are the site's own. */
export function withJiraLatency(site: JiraSite, latency: Latency, tally: SleepTally): JiraSite {
  if (latency.searchMs === 0 && latency.jiraMs === 0) return site;
  return {
    ...site,
    async handle(request, caller) {
      const search = isSearch(request.path);
      await tally.sleep(search ? 'search' : 'jira', search ? latency.searchMs : latency.jiraMs, caller);
      return site.handle(request, caller);
    },
  };
}

/**
 * Storage latency in front of the runtime's storage emulator. The runtime's own fault injection (traffic.ts) would
 * add the same latency, but without telling how long each sleep really took; the runtime routes every storage call
 * to this object's `handle`, so wrapping it puts the timed sleep on the same path.
 */
export function setStorageLatency(runtime: LocalRuntime, latency: Latency, tally: SleepTally): void {
  if (latency.kvsMs === 0) return;
  const storage = runtime.storage;
  const handle = storage.handle.bind(storage);
  storage.handle = async (request, caller) => {
    await tally.sleep('kvs', latency.kvsMs, caller);
    return handle(request, caller);
  };
}
