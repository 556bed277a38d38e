// What bench/events.bench.ts measures, bundled by esbuild with everything it runs (the app's event path, the
// in-memory storage and queue, the simulated Jira site and the bench's counting ports), as `npm run build` bundles
// for Forge.
export { handleJiraEvent } from '../../src/app/run/handle-event.js';
export { storeRuleSource } from '../../src/app/run/store-rule-source.js';
export { createRuleStore } from '../../src/app/rules/rule-store.js';
export { createLogicEngine } from '../../src/core/logic/engine.js';
export { RULE_CACHE_SIZE } from '../../src/core/engine/index.js';
export { entitiesFromManifest } from '../../src/local/storage/entities.js';
export { createJiraSite } from '../../src/local/jira/site/index.js';
export { Clock } from '../../src/local/runtime/clock.js';
export { LOCAL_APP } from '../../src/local/runtime/invocation.js';
export { createMemoryStorage } from '../../test/support/memory-storage.js';
export { createMemoryQueue } from '../../test/support/memory-queue.js';
export { countingStorage } from './counting-storage.js';
export { siteJiraPort } from './site-jira.js';
