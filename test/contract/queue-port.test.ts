import { InternalServerError, InvocationLimitReachedError, PartialSuccessError, PayloadTooBigError } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { forgeQueue, queueFailure } from '../../src/adapters/forge/events-queue.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { TransientError } from '../../src/ports/errors.js';
import type { QueueEvent, QueuePort } from '../../src/ports/queue.js';
import { createMemoryQueue } from '../support/memory-queue.js';
import type { LocalRuntime } from '../../src/local/runtime/local-runtime.js';
import { contractRuntime, START } from './runtime-fixture.js';
import { queuePortContract } from './queue-port.contract.js';


queuePortContract('in-memory queue (test/support/memory-queue.ts)', () => {
  const queue = createMemoryQueue();
  return { port: queue, received: () => Promise.resolve(queue.pushed()) };
});

type Delivered = { event: Record<string, unknown>; at: number };

/** forgeQueue with every push inside an invocation; the consumer function records what it receives. */
function forgeHarness(): { runtime: LocalRuntime; port: QueuePort; delivered: Delivered[] } {
  const delivered: Delivered[] = [];
  const clock = new Clock({ start: START, frozen: true });
  const recorder = (event: unknown) => {
    delivered.push({ event: event as Record<string, unknown>, at: clock.now() });
  };
  // Only the consumer records: the manifest's scheduled tick also fires while the clock moves.
  const runtime = contractRuntime({ load: (fn) => Promise.resolve(fn.key === 'work' ? recorder : () => undefined), clock });
  const adapter = forgeQueue();
  return { runtime, delivered, port: { push: (events) => runtime.runInInvocation(() => adapter.push(events)) } };
}

queuePortContract('Forge adapter (@forge/events) over the local runtime', () => {
  const { runtime, port, delivered } = forgeHarness();
  return {
    port,
    async received() {
      await runtime.advanceTo(runtime.clock.now() + 901_000);
      return delivered.map(({ event }) => {
        const { body, delayInSeconds } = event as QueueEvent;
        return delayInSeconds === undefined ? { body } : { body, delayInSeconds };
      });
    },
  };
});

describe('Forge queue adapter', () => {
  it('pushes to ruleforge-work, whose work-consumer gets the event once its delay has passed', async () => {
    const { runtime, port, delivered } = forgeHarness();
    const jobId = await port.push([{ body: { kind: 'retry-run', runId: 'r1' }, delayInSeconds: 60 }]);
    await runtime.drain();
    expect(delivered).toEqual([]);
    await runtime.advanceTo(START + 60_000);
    expect(delivered).toEqual([{ at: START + 60_000, event: expect.objectContaining({ queueName: 'ruleforge-work', jobId, body: { kind: 'retry-run', runId: 'r1' } }) as unknown }]);
    expect(runtime.host.recent().map((record) => [record.moduleType, record.moduleKey, record.functionKey, record.outcome])).toEqual([['consumer', 'work-consumer', 'work', 'returned']]);
  });

  it('turns the queue’s rate limit and 5xx into TransientError, and a bad queue key into PermanentError', async () => {
    const { runtime, port } = forgeHarness();
    for (const errorStatus of [429, 503] as const) {
      runtime.traffic.setFaults('queue', { errorRate: 1, errorStatus });
      const push = port.push([{ body: { n: 1 } }]);
      await expect(push).rejects.toBeInstanceOf(TransientError);
      await expect(push).rejects.toMatchObject({ code: errorStatus === 429 ? 'RATE_LIMIT_EXCEEDED' : 'QUEUE_UNAVAILABLE', retryable: true });
    }
    runtime.traffic.setFaults('queue', {});
    const bad = forgeQueue('no spaces allowed');
    await expect(runtime.runInInvocation(() => bad.push([{ body: {} }]))).rejects.toMatchObject({ name: 'PermanentError', code: 'INVALID_QUEUE_NAME' });
  });

  it('maps the SDK’s other errors by whether a retry can help', () => {
    expect(queueFailure(new InvocationLimitReachedError('limit'))).toMatchObject({ name: 'PermanentError', code: 'INVOCATION_LIMIT_REACHED' });
    expect(queueFailure(new PayloadTooBigError('big'))).toMatchObject({ name: 'PermanentError', code: 'PAYLOAD_TOO_BIG' });
    expect(queueFailure(new PartialSuccessError('some', { jobId: 'j' }, []))).toMatchObject({ name: 'TransientError', code: 'PARTIAL_PUSH' });
    expect(queueFailure(new InternalServerError('bad request', 400))).toMatchObject({ name: 'PermanentError', code: 'PUSH_REJECTED' });
    expect(queueFailure(new InternalServerError('down', 502))).toMatchObject({ name: 'TransientError', code: 'QUEUE_UNAVAILABLE' });
    const dropped = new Error('socket hang up');
    expect(queueFailure(dropped)).toMatchObject({ name: 'TransientError', code: 'QUEUE_UNAVAILABLE', cause: dropped });
  });
});
