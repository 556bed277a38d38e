/**
 * Invokes the app's functions the way Forge does: each call is one invocation with its own runtime context, its
 * arguments and result cross a JSON boundary (no shared objects between platform and app), and the function's
 * timeout is enforced. Forge stops a function at its timeout; Node cannot, so a timed-out handler keeps running but
 * every SDK call it makes afterwards is refused (forge-globals.ts), which is what the app would observe. An invocation
 * killed by fault injection (runtime/kill.ts) ends the same way, at once: as a timeout marked `killed`, since a
 * timeout is the platform failure the product-event and queue redelivery already retry.
 */
import { type Clock, realNow } from '../runtime/clock.js';
import type { ForgeGlobals } from '../runtime/forge-globals.js';
import { type KillCause, watchKill } from '../runtime/kill.js';
import type { InvocationCalls, InvocationMeter } from '../runtime/meter.js';
import type { AppModules, HostedFunction } from './app-modules.js';

export type Handler = (...args: unknown[]) => unknown;
export type HandlerLoader = (fn: HostedFunction) => Promise<Handler>;

export type InvocationOutcome =
  | { outcome: 'returned'; value: unknown }
  | { outcome: 'threw'; error: { name: string; message: string } }
  | { outcome: 'timed-out'; timeoutSeconds: number; killed?: KillCause };

export type InvocationRecord = {
  id: string;
  functionKey: string;
  moduleType: string;
  moduleKey: string;
  /** ISO time on the runtime clock. */
  at: string;
  durationMs: number;
  outcome: InvocationOutcome['outcome'];
  error?: string;
  /** Set when fault injection killed the invocation mid-run (its outcome is then 'timed-out'). */
  killed?: KillCause;
  /** The SDK calls the invocation made (runtime/meter.ts); calls refused after a timeout are not counted. */
  calls: InvocationCalls;
  /**
   * Peak growth of the JavaScript heap over its size when the handler started, sampled at the start, at each SDK call
   * and at the end: an approximation, since the process also holds the runtime, the site and concurrent invocations.
   */
  heapPeakBytes: number;
};

export type InvocationListener = (record: InvocationRecord) => void;

export type InvokeCall = { moduleType: string; moduleKey: string; accountId?: string; args: unknown[] };

const LOG_SIZE = 500;

export class FunctionHost {
  readonly #handlers = new Map<string, Promise<Handler>>();
  readonly #log: InvocationRecord[] = [];
  readonly #listeners = new Set<InvocationListener>();

  constructor(
    readonly modules: AppModules,
    private readonly load: HandlerLoader,
    private readonly globals: ForgeGlobals,
    private readonly clock: Clock,
  ) {}

  async invoke(functionKey: string, call: InvokeCall): Promise<InvocationOutcome> {
    const fn = this.modules.functions.get(functionKey);
    if (!fn) return { outcome: 'threw', error: { name: 'FunctionNotFound', message: `no function ${functionKey} in manifest.yml` } };
    const started = realNow();
    const at = new Date(this.clock.now()).toISOString();
    let invocationId = '';
    let meter: InvocationMeter | undefined;
    const result = await this.globals.runAs(
      { functionKey, moduleType: call.moduleType, moduleKey: call.moduleKey, timeoutSeconds: fn.timeoutSeconds, ...(call.accountId === undefined ? {} : { accountId: call.accountId }) },
      async () => {
        const invocation = this.globals.current();
        invocationId = invocation.id;
        meter = invocation.meter;
        const killed = watchKill(invocation);
        try {
          return await this.#run(fn, call.args, invocation.meter, killed);
        } finally {
          invocation.ended = true;
          invocation.meter.sampleHeap();
        }
      },
    );
    this.#record({
      id: invocationId,
      functionKey,
      moduleType: call.moduleType,
      moduleKey: call.moduleKey,
      at,
      durationMs: realNow() - started,
      outcome: result.outcome,
      ...(result.outcome === 'threw' ? { error: `${result.error.name}: ${result.error.message}` } : {}),
      ...(result.outcome === 'timed-out' ? { error: timedOutError(result) } : {}),
      ...(result.outcome === 'timed-out' && result.killed ? { killed: result.killed } : {}),
      calls: meter ? { ...meter.calls } : { kvs: 0, jira: 0, jiraSearch: 0, queue: 0, eventsPushed: 0 },
      heapPeakBytes: meter?.heapPeakBytes ?? 0,
    });
    return result;
  }

  /** The most recent invocations, oldest first: what `GET /__dev/invocations` shows. */
  recent(): readonly InvocationRecord[] {
    return this.#log;
  }

  /** Calls `listener` with the record of every invocation as it ends, until the returned function is called. */
  onInvocation(listener: InvocationListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async #run(fn: HostedFunction, args: unknown[], meter: InvocationMeter, killed: Promise<KillCause>): Promise<InvocationOutcome> {
    let handler: Handler;
    try {
      // Loading is outside the timeout: locally it includes TypeScript compilation, which a deployed bundle never pays.
      handler = await this.#handler(fn);
    } catch (error) {
      return { outcome: 'threw', error: describe(error) };
    }
    meter.restartHeap();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<InvocationOutcome>((resolve) => {
      timer = setTimeout(() => { resolve({ outcome: 'timed-out', timeoutSeconds: fn.timeoutSeconds }); }, fn.timeoutSeconds * 1000);
    });
    const run = (async (): Promise<InvocationOutcome> => {
      try {
        const value = await handler(...args.map(acrossBoundary));
        return { outcome: 'returned', value: acrossBoundary(value) };
      } catch (error) {
        return { outcome: 'threw', error: describe(error) };
      }
    })();
    try {
      const kill = killed.then((cause): InvocationOutcome => ({ outcome: 'timed-out', timeoutSeconds: fn.timeoutSeconds, killed: cause }));
      return await Promise.race([run, timeout, kill]);
    } finally {
      clearTimeout(timer);
    }
  }

  #handler(fn: HostedFunction): Promise<Handler> {
    let handler = this.#handlers.get(fn.key);
    if (!handler) {
      handler = this.load(fn);
      this.#handlers.set(fn.key, handler);
      // A failed load is retried on the next invocation rather than cached forever.
      handler.catch(() => this.#handlers.delete(fn.key));
    }
    return handler;
  }

  #record(record: InvocationRecord): void {
    this.#log.push(record);
    if (this.#log.length > LOG_SIZE) this.#log.splice(0, this.#log.length - LOG_SIZE);
    for (const listener of this.#listeners) {
      try {
        listener(record);
      } catch (error) {
        // A listener's bug must not fail the delivery that ran the function; rethrown outside it, it is still seen.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/** Forge serialises what crosses into and out of a function; so do we, so the app never shares objects with the host. */
export function acrossBoundary(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** The record's error text, also the queue's retry error: a kill names the call that killed the invocation. */
export function timedOutError(outcome: { timeoutSeconds: number; killed?: KillCause }): string {
  const { killed } = outcome;
  if (!killed) return `timed out after ${String(outcome.timeoutSeconds)} s`;
  return `killed mid-run by an injected fault on a ${killed.service} call (${killed.operation}; ${killed.applied ? 'the call landed' : 'the call did not land'})`;
}

function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'NonError', message: String(error) };
}
