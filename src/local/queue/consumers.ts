import { ManifestError } from '../manifest-functions.js';
import { DEFAULT_CONSUMER_TIMEOUT_SECONDS } from './limits.js';
import type { QueueConsumer } from './types.js';

type Entry = Record<string, unknown>;

const isEntry = (value: unknown): value is Entry => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The consumer modules of a parsed manifest that run a function: `{key, queue, function}` (@forge/events 2+) and the
 * deprecated `{key, queue, resolver: {function, method}}`. Forge Remote (`endpoint`) and workflow consumers are not
 * emulated and are left out, so pushes to their queues are dropped at delivery. Throws ManifestError for an entry
 * that names no queue or a function the manifest does not declare.
 */
export function consumersFromManifest(manifest: unknown, source = 'manifest.yml'): QueueConsumer[] {
  const modules = isEntry(manifest) && isEntry(manifest.modules) ? manifest.modules : {};
  const consumers = Array.isArray(modules.consumer) ? (modules.consumer as unknown[]) : [];
  const functions = Array.isArray(modules.function) ? (modules.function as unknown[]) : [];
  const timeouts = new Map<string, number>();
  for (const fn of functions) {
    if (!isEntry(fn) || typeof fn.key !== 'string') continue;
    const timeout = fn.timeoutSeconds;
    timeouts.set(fn.key, typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_CONSUMER_TIMEOUT_SECONDS);
  }
  const result: QueueConsumer[] = [];
  consumers.forEach((entry, index) => {
    const where = `${source}: modules.consumer[${index}]`;
    if (!isEntry(entry) || typeof entry.key !== 'string' || typeof entry.queue !== 'string') {
      throw new ManifestError(`${where} needs a string key and queue`);
    }
    const functionKey = functionOf(entry);
    if (functionKey === undefined) return;
    const timeoutSeconds = timeouts.get(functionKey);
    if (timeoutSeconds === undefined) {
      throw new ManifestError(`${where} (${entry.key}) uses function '${functionKey}', which modules.function does not declare`);
    }
    result.push({ key: entry.key, queue: entry.queue, functionKey, timeoutSeconds });
  });
  return result;
}

function functionOf(entry: Entry): string | undefined {
  if (typeof entry.function === 'string') return entry.function;
  if (isEntry(entry.resolver) && typeof entry.resolver.function === 'string') return entry.resolver.function;
  return undefined;
}
