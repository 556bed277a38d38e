/**
 * The emulated Forge async-events service: the wire endpoints @forge/events calls (publish, stats, cancel) and the
 * delivery side the local runtime drives with drain(). Everything waits on the runtime's Clock.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../runtime/clock.js';
import type { Caller, WireRequest, WireResponse } from '../runtime/wire.js';
import { jsonResponse } from '../runtime/wire.js';
import { type DeliveryState, drain } from './delivery.js';
import { Jobs } from './jobs.js';
import { badRequest, parseJobRequest, parsePublish } from './publish.js';
import { EventStore } from './store.js';
import { PushThrottle } from './throttle.js';
import type { DeadLetter, QueueConsumer, QueueEmulator } from './types.js';

export type QueueEmulatorOptions = {
  clock: Clock;
  consumers: readonly QueueConsumer[];
  /**
   * A cap on retries per event, for tests and impatient local runs. Forge (@forge/events 2+) has none: it retries
   * until the 24 h retention window ends, which the emulator always applies as well.
   */
  maxRetries?: number;
};

export function createQueueEmulator(options: QueueEmulatorOptions): QueueEmulator {
  const { clock } = options;
  const consumers = new Map<string, QueueConsumer>();
  // One consumer per queue: the first the manifest lists wins.
  for (const consumer of options.consumers) if (!consumers.has(consumer.queue)) consumers.set(consumer.queue, consumer);
  const consumerFor = (queueName: string): QueueConsumer | undefined => consumers.get(queueName);
  const store = new EventStore();
  const jobs = new Jobs();
  const deadLetters: DeadLetter[] = [];
  const throttle = new PushThrottle(clock);
  const state: DeliveryState = { clock, store, jobs, consumerFor, maxRetries: options.maxRetries, deadLetters, inFlight: new Map() };

  function publish(request: WireRequest, caller: Caller): WireResponse {
    const parsed = parsePublish(request.body, consumerFor);
    if (!parsed.ok) return parsed.response;
    const { queueName, jobId, events } = parsed.value;
    if (jobs.has(jobId)) return badRequest(`job ${jobId} already exists`, 409, 'JOB_EXISTS').response;
    const refusal = throttle.admit(caller, events.length);
    if (refusal) return refusal;
    const now = clock.now();
    const queued = events.map((event) => ({
      ...event,
      seq: store.nextSeq(),
      eventId: randomUUID(),
      jobId,
      queueName,
      installationId: caller.installationId,
      enqueuedAt: now,
      dueAt: now + (event.delayInSeconds ?? 0) * 1000,
    }));
    jobs.create(jobId, queueName, caller.installationId, queued.map((event) => event.eventId));
    for (const event of queued) store.add(event);
    return jsonResponse(201, { jobId });
  }

  function stats(request: WireRequest, caller: Caller): WireResponse {
    const parsed = parseJobRequest(request.body);
    if (!parsed.ok) return parsed.response;
    const { queueName, jobId } = parsed.value;
    const found = jobs.stats(jobId, queueName, caller.installationId);
    return found ? jsonResponse(200, found) : notFound(jobId, queueName);
  }

  function cancel(request: WireRequest, caller: Caller): WireResponse {
    const parsed = parseJobRequest(request.body);
    if (!parsed.ok) return parsed.response;
    const { queueName, jobId } = parsed.value;
    if (!jobs.cancel(jobId, queueName, caller.installationId)) return notFound(jobId, queueName);
    for (const event of store.removeJob(jobId)) jobs.end(jobId, event.eventId, 'cancelled');
    return { status: 204 };
  }

  const operations = new Map<string | undefined, (request: WireRequest, caller: Caller) => WireResponse>([
    ['publish', publish],
    ['stats', stats],
    ['cancel', cancel],
  ]);

  return {
    handle(request, caller) {
      try {
        // Never 405 for a wrong method: the SDK reads 405 as InvocationLimitReachedError.
        if (request.method !== 'POST') return Promise.resolve(badRequest(`${request.method} is not supported; the queue API is POST only`).response);
        const [, webhook, queue, operation] = (request.path.split('?')[0] ?? '').split('/');
        const handler = webhook === 'webhook' && queue === 'queue' ? operations.get(operation) : undefined;
        if (handler === undefined) {
          return Promise.resolve(jsonResponse(404, { code: 'NOT_FOUND', message: `no queue operation at ${request.path}` }));
        }
        return Promise.resolve(handler(request, caller));
      } catch (error) {
        return Promise.resolve(jsonResponse(500, { code: 'INTERNAL_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) }));
      }
    },
    drain: (deliver) => drain(state, deliver),
    nextDueAt: () => store.nextDueAt(),
    pending: () => store.size,
    deadLetters: () => [...deadLetters],
  };
}

function notFound(jobId: string, queueName: string): WireResponse {
  return jsonResponse(404, { code: 'JOB_NOT_FOUND', message: `The job ${jobId} was not found for the queue ${queueName}.` });
}
