import { describe, expect, it } from 'vitest';
import { ForgeKvsAPIError } from '@forge/kvs';
import { forgeStorage, storageFailure } from '../../src/adapters/forge/kvs-storage.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { PermanentError, TransientError } from '../../src/ports/errors.js';
import type { StoragePort } from '../../src/ports/storage.js';
import { createMemoryStorage } from '../support/memory-storage.js';
import type { LocalRuntime } from '../../src/local/runtime/local-runtime.js';
import { contractRuntime, START } from './runtime-fixture.js';
import { storagePortContract } from './storage-port.contract.js';


storagePortContract('in-memory store (test/support/memory-storage.ts)', () => {
  let now = START;
  return {
    port: createMemoryStorage({ now: () => now }),
    advance: (ms) => {
      now += ms;
    },
  };
});

/** The Forge adapter with every call inside an invocation, as app code makes them on Forge. */
function forgeHarness(): { runtime: LocalRuntime; port: StoragePort } {
  const clock = new Clock({ start: START, frozen: true });
  const runtime = contractRuntime({ load: () => Promise.resolve(() => undefined), clock });
  const adapter = forgeStorage() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const port = Object.fromEntries(
    Object.entries(adapter).map(([name, method]) => [name, (...args: unknown[]) => runtime.runInInvocation(() => method(...args))]),
  ) as unknown as StoragePort;
  return { runtime, port };
}

storagePortContract('Forge adapter (@forge/kvs) over the local runtime', () => {
  const { runtime, port } = forgeHarness();
  return {
    port,
    advance: (ms) => {
      runtime.clock.advance(ms);
    },
  };
});

describe('Forge storage adapter: platform failures', () => {
  it('turns rate limits and 5xx into TransientError and leaves the data alone', async () => {
    const { runtime, port } = forgeHarness();
    await port.set({ key: 'k' }, 1);
    for (const errorStatus of [429, 500, 503] as const) {
      runtime.traffic.setFaults('kvs', { errorRate: 1, errorStatus });
      const write = port.set({ key: 'k' }, 2);
      await expect(write).rejects.toBeInstanceOf(TransientError);
      await expect(write).rejects.toMatchObject({ retryable: true, code: errorStatus === 429 ? 'RATE_LIMIT_EXCEEDED' : 'INJECTED_FAULT' });
      await expect(port.transact([{ op: 'delete', ref: { key: 'k' } }])).rejects.toBeInstanceOf(TransientError);
      await expect(port.create({ key: 'new' }, 1)).rejects.toBeInstanceOf(TransientError);
    }
    runtime.traffic.setFaults('kvs', {});
    expect(await port.getMany([{ key: 'k' }, { key: 'new' }])).toEqual([1, undefined]);
  });

  it('maps what the SDK throws: 4xx → PermanentError with Forge’s code, 429 with a retry hint, anything else → TransientError', () => {
    const apiError = (status: number, code: string, context: Record<string, unknown> = {}) =>
      new ForgeKvsAPIError({ status, statusText: '' }, { code, message: `${code} happened`, context });
    expect(storageFailure(apiError(400, 'INVALID_KEY'))).toMatchObject({ name: 'PermanentError', code: 'INVALID_KEY', retryable: false });
    expect(storageFailure(apiError(409, 'KEY_ALREADY_EXISTS'))).toBeInstanceOf(PermanentError);
    expect(storageFailure(apiError(429, 'RATE_LIMIT_EXCEEDED', { retryAfter: 30 }))).toMatchObject({ name: 'TransientError', retryAfterSeconds: 30 });
    expect(storageFailure(apiError(400, 'TOO_MANY_REQUESTS'))).toBeInstanceOf(TransientError);
    expect(storageFailure(apiError(502, 'UNKNOWN_ERROR'))).toMatchObject({ name: 'TransientError', retryAfterSeconds: undefined });
    const dropped = new Error('socket hang up');
    expect(storageFailure(dropped)).toMatchObject({ name: 'TransientError', code: 'STORAGE_UNAVAILABLE', cause: dropped });
  });
});
