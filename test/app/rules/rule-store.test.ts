import { createMemoryStorage } from '../../support/memory-storage.js';
import { ruleStoreSuite } from './rule-store.suite.js';

ruleStoreSuite('in-memory storage', () => createMemoryStorage());
