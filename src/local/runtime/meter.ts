/**
 * Per-invocation metering for scale runs: which SDK calls one invocation made, and how far the JavaScript heap grew
 * while it ran. forge-globals.ts feeds it every call it routes; FunctionHost copies the result into the invocation's
 * record. It runs on every SDK call, so it does no more than a few comparisons and one heap reading per call.
 */
import { getHeapStatistics } from 'node:v8';
import type { ServiceName } from './forge-globals.js';
import type { WireRequest } from './wire.js';

export type InvocationCalls = {
  /** Every storage call (get, set, query, batch, transaction…). */
  kvs: number;
  /** Every Jira REST call, searches included. */
  jira: number;
  /** The Jira calls to /rest/api/3/search/jql (GET or POST), also counted in `jira`. */
  jiraSearch: number;
  /** Queue pushes (publish calls); the SDK's getStats and cancel are not pushes and are not counted. */
  queue: number;
  /** Events in the payloads of those pushes, whether or not the push was accepted. */
  eventsPushed: number;
};

const JIRA_SEARCH = '/rest/api/3/search/jql';
const QUEUE_PUBLISH = '/webhook/queue/publish/';

// The same number as process.memoryUsage().heapUsed (V8's used_heap_size), without the RSS read that makes
// process.memoryUsage() about 70 times slower: it is taken on every SDK call of a 100,000-issue run.
const heapUsed = (): number => getHeapStatistics().used_heap_size;

export class InvocationMeter {
  readonly calls: InvocationCalls = { kvs: 0, jira: 0, jiraSearch: 0, queue: 0, eventsPushed: 0 };
  #heapStart = heapUsed();
  #heapPeak = 0;

  /**
   * Largest heap growth over the heap at the start, sampled at the start, at each SDK call and at the end (no timers,
   * so a peak between two calls is missed). An approximation: one process holds the runtime, the simulated site and
   * any concurrent invocations, so their allocations count too, and garbage not yet collected counts as used.
   */
  get heapPeakBytes(): number {
    return this.#heapPeak;
  }

  /** Restarts the heap baseline, e.g. once the handler is loaded: compiling it is not the function's own memory. */
  restartHeap(): void {
    this.#heapStart = heapUsed();
    this.#heapPeak = 0;
  }

  sampleHeap(): void {
    const growth = heapUsed() - this.#heapStart;
    if (growth > this.#heapPeak) this.#heapPeak = growth;
  }

  count(service: ServiceName, request: WireRequest): void {
    const { path } = request;
    if (service === 'kvs') {
      this.calls.kvs += 1;
    } else if (service === 'jira') {
      this.calls.jira += 1;
      if (path.startsWith(JIRA_SEARCH) && (path.length === JIRA_SEARCH.length || path[JIRA_SEARCH.length] === '?')) this.calls.jiraSearch += 1;
    } else if (path.startsWith(QUEUE_PUBLISH)) {
      this.calls.queue += 1;
      this.calls.eventsPushed += eventsIn(request.body);
    }
  }
}

/** The number of events in a publish body `{queueName, jobId, payload: [...]}`; 0 for a body the service will refuse. */
function eventsIn(body: string | undefined): number {
  if (body === undefined) return 0;
  try {
    const { payload } = JSON.parse(body) as { payload?: unknown };
    return Array.isArray(payload) ? payload.length : 0;
  } catch {
    return 0;
  }
}
