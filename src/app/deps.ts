import type { LogicCompiler } from '../core/engine/index.js';
import type { JiraPort } from '../ports/jira.js';
import type { QueuePort } from '../ports/queue.js';
import type { StoragePort } from '../ports/storage.js';

/** What the use cases need from the outside world; entry points wire the Forge adapters, tests wire fakes. */
export type AppDeps = {
  storage: StoragePort;
  jira: JiraPort;
  queue: QueuePort;
  /** Epoch ms. Read once per run: every operator in the run sees the same instant. */
  now: () => number;
  logic: LogicCompiler;
  /** The app's own Jira account, as Forge reports it; its changes are told apart by it. */
  appAccountId?: string;
};
