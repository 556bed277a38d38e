/**
 * A queue emulator behind the real runtime globals, with consumer handlers registered by function key. `deliver` runs
 * a handler as its own Forge invocation, the way the local runtime will, and turns its result into an outcome.
 */
import { Clock } from '../../../src/local/runtime/clock.js';
import { type ForgeGlobals, installForgeGlobals } from '../../../src/local/runtime/forge-globals.js';
import type { WireRequest } from '../../../src/local/runtime/wire.js';
import {
  type AsyncEvent,
  type AsyncEventDelivery,
  type DeliveryOutcome,
  type QueueConsumer,
  type QueueEmulator,
  createQueueEmulator,
  outcomeOf,
} from '../../../src/local/queue/index.js';

export const START = Date.parse('2026-01-01T00:00:00Z');

export type Handler = (event: AsyncEvent) => unknown;

export type Harness = {
  clock: Clock;
  queue: QueueEmulator;
  globals: ForgeGlobals;
  /** Every request the queue service received, in order. */
  requests: WireRequest[];
  /** Every event each function received, in delivery order. */
  seen: Map<string, AsyncEvent[]>;
  on(functionKey: string, handler: Handler): void;
  deliver(delivery: AsyncEventDelivery): Promise<DeliveryOutcome>;
  drain(): ReturnType<QueueEmulator['drain']>;
  close(): void;
};

export function consumer(queue: string, timeoutSeconds = 55): QueueConsumer {
  return { key: `${queue}-consumer`, queue, functionKey: `${queue}-fn`, timeoutSeconds };
}

export function harness(consumers: QueueConsumer[], options: { maxRetries?: number } = {}): Harness {
  const clock = new Clock({ start: START, frozen: true });
  const queue = createQueueEmulator({ clock, consumers, ...options });
  const requests: WireRequest[] = [];
  const globals = installForgeGlobals({
    queue: {
      handle: (request, caller) => {
        requests.push(request);
        return queue.handle(request, caller);
      },
    },
  });
  const handlers = new Map<string, Handler>();
  const seen = new Map<string, AsyncEvent[]>();
  const deliver = async ({ consumer: target, event }: AsyncEventDelivery): Promise<DeliveryOutcome> => {
    seen.set(target.functionKey, [...(seen.get(target.functionKey) ?? []), event]);
    const handler = handlers.get(target.functionKey) ?? (() => undefined);
    const invocation = { functionKey: target.functionKey, moduleType: 'consumer', moduleKey: target.key, timeoutSeconds: target.timeoutSeconds };
    try {
      return outcomeOf({ returned: await globals.runAs(invocation, () => Promise.resolve(handler(event))) });
    } catch (error) {
      return outcomeOf({ threw: error });
    }
  };
  return {
    clock,
    queue,
    globals,
    requests,
    seen,
    on: (functionKey, handler) => handlers.set(functionKey, handler),
    deliver,
    drain: () => queue.drain(deliver),
    close: () => {
      globals.uninstall();
    },
  };
}

export type Deferred = { promise: Promise<void>; resolve: () => void };

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Lets every pending promise callback run, so in-flight deliveries reach their await points. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((done) => setImmediate(done));
}
