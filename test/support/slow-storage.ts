import type { StoragePort } from '../../src/ports/storage.js';
import { createMemoryStorage, manifestEntityDeclarations } from './memory-storage.js';

/**
 * In-memory storage where every call takes a couple of milliseconds, so invocations running at once read the same
 * items before any of them writes (the races of a burst of events), and the calls are counted.
 */
export function slowStorage(): { storage: StoragePort; calls: () => number } {
  const memory = createMemoryStorage({ entities: manifestEntityDeclarations() });
  let calls = 0;
  const storage = new Proxy(memory, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { storage, calls: () => calls };
}
