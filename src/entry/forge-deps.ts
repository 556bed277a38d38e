import { forgeQueue } from '../adapters/forge/events-queue.js';
import { forgeJiraClient } from '../adapters/forge/jira-client.js';
import { forgeStorage } from '../adapters/forge/kvs-storage.js';
import type { AppDeps } from '../app/deps.js';
import { createLogicEngine } from '../core/logic/engine.js';

// One engine per function instance: compiled rules are cached on it by id@version across invocations that reuse the
// instance (Forge keeps a warm instance for a while), so a hot rule compiles once.
const logic = createLogicEngine();

/** The use cases' dependencies on Forge: storage, Jira as the app, the app's queue, and the invocation's clock. */
export function forgeDeps(): AppDeps {
  return { storage: forgeStorage(), jira: forgeJiraClient(), queue: forgeQueue(), now: () => Date.now(), logic };
}
