/**
 * The local Forge platform in one object: the runtime globals, the storage and queue emulators, the function host,
 * product events, scheduled triggers, the clock, and fault injection. `npm start` (dev-server.ts) serves it over
 * HTTP; integration tests use it directly. Nothing here is reachable from a deployed function (scripts/build.ts
 * fails a bundle that imports src/local/).
 */
import { appModulesOf, type AppModules } from '../host/app-modules.js';
import { FunctionHost, type HandlerLoader, type InvocationListener, timedOutError } from '../host/function-host.js';
import { ProductEventBus, type EventDrainResult, type PublishResult } from '../host/product-events.js';
import { Scheduler, type ScheduleFired } from '../host/scheduler.js';
import { consumersFromManifest, createQueueEmulator, type QueueEmulator } from '../queue/index.js';
import { APP_ERROR_REASON, appErrorOutcome, outcomeOf, TIMEOUT_REASON } from '../queue/outcome.js';
import type { AsyncEventDelivery, DeliveryOutcome, DrainResult } from '../queue/types.js';
import { entitiesFromManifest, openStorage, type StorageEmulator } from '../storage/index.js';
import { Clock } from './clock.js';
import { installForgeGlobals, type ForgeGlobals } from './forge-globals.js';
import { CONTEXT_ARI, LOCAL_APP } from './invocation.js';
import { killCauseOf } from './kill.js';
import { TrafficControl } from './traffic.js';
import type { WireService } from './wire.js';

export type LocalRuntimeOptions = {
  /** The parsed manifest.yml. */
  manifest: unknown;
  load: HandlerLoader;
  /** A SQLite file (created with its directory), or ':memory:'. */
  storagePath: string;
  clock?: Clock;
  /**
   * The Jira site behind requestJira; without one, Jira calls answer 501 NOT_EMULATED. A site that raises product
   * events (`onEvent`) has them delivered to the app's triggers, so the app's own changes come back as Forge's do.
   */
  jira?: WireService & { onEvent?(listener: (event: Record<string, unknown>) => void): () => void };
  faultSeed?: number;
};

/** An SDK call made by a function after its invocation ended (it timed out or was killed): Forge would have frozen it. */
export type LateCall = { functionKey: string; invocationId: string; path: string; at: string; killed?: true };

export type DrainReport = {
  rounds: number;
  scheduled: ScheduleFired[];
  events: EventDrainResult;
  queue: DrainResult;
};

// A consumer that pushes to its own queue forever would otherwise keep a drain going for ever.
const MAX_DRAIN_ROUNDS = 1000;

export class LocalRuntime {
  readonly clock: Clock;
  readonly traffic: TrafficControl;
  readonly modules: AppModules;
  readonly storage: StorageEmulator;
  readonly queue: QueueEmulator;
  readonly host: FunctionHost;
  readonly events: ProductEventBus;
  readonly scheduler: Scheduler;
  readonly lateCalls: LateCall[] = [];
  readonly #globals: ForgeGlobals;
  readonly #unsubscribe: () => void;

  constructor(options: LocalRuntimeOptions) {
    this.clock = options.clock ?? new Clock();
    this.traffic = new TrafficControl(options.faultSeed);
    this.modules = appModulesOf(options.manifest);
    this.storage = openStorage({ path: options.storagePath, entities: entitiesFromManifest(options.manifest), clock: this.clock });
    this.queue = createQueueEmulator({ clock: this.clock, consumers: consumersFromManifest(options.manifest) });
    this.#globals = installForgeGlobals(
      { kvs: this.storage, queue: this.queue, ...(options.jira ? { jira: options.jira } : {}) },
      {
        intercept: this.traffic.intercept,
        clock: this.clock,
        onLateCall: (invocation, path) => {
          const killed = killCauseOf(invocation) === undefined ? {} : { killed: true as const };
          this.lateCalls.push({ functionKey: invocation.functionKey, invocationId: invocation.id, path, at: new Date(this.clock.now()).toISOString(), ...killed });
          if (this.lateCalls.length > 500) this.lateCalls.shift();
        },
      },
    );
    this.host = new FunctionHost(this.modules, options.load, this.#globals, this.clock);
    this.events = new ProductEventBus(this.host, this.clock);
    this.scheduler = new Scheduler(this.host, this.clock, this.modules.scheduledTriggers);
    this.#unsubscribe = options.jira?.onEvent?.((event) => void this.publishEvent(event)) ?? (() => undefined);
  }

  /**
   * Runs `fn` as if inside an invocation of `functionKey` (for `accountId`, when given): the SDKs called from it
   * reach this runtime's services. Tests of the Forge adapters use it; app code runs through the host instead.
   */
  runInInvocation<T>(fn: () => Promise<T>, options: { functionKey?: string; accountId?: string } = {}): Promise<T> {
    return this.#globals.runAs({ functionKey: options.functionKey ?? 'adapter-test', ...(options.accountId === undefined ? {} : { accountId: options.accountId }) }, fn);
  }

  /**
   * Sees the record of every function invocation as it ends (`host.recent()` keeps only the last 500), with its SDK
   * call counts and heap peak; returns the unsubscribe function. Not called for runInInvocation, which runs no function.
   */
  onInvocation(listener: InvocationListener): () => void {
    return this.host.onInvocation(listener);
  }

  /** Queues a Jira product event for the subscribed triggers; `drain()` delivers it. */
  publishEvent(event: unknown): PublishResult {
    return this.events.publish(event);
  }

  /** Runs everything due by the clock: scheduled ticks, product events, queue events and their retries. */
  async drain(): Promise<DrainReport> {
    const report: DrainReport = {
      rounds: 0,
      scheduled: [],
      events: { delivered: 0, succeeded: 0, retried: 0, failed: 0 },
      queue: { delivered: 0, succeeded: 0, retried: 0, failed: 0, dropped: 0 },
    };
    while (report.rounds < MAX_DRAIN_ROUNDS) {
      report.rounds += 1;
      const scheduled = await this.scheduler.runDue();
      const events = await this.events.drain();
      const queue = await this.queue.drain((delivery) => this.#consume(delivery));
      report.scheduled.push(...scheduled);
      addInto(report.events, events);
      addInto(report.queue, queue);
      if (scheduled.length === 0 && events.delivered === 0 && queue.delivered === 0) break;
    }
    return report;
  }

  /**
   * Moves the clock to `target`, stopping at every moment something falls due on the way (a scheduled tick, a
   * delayed or retried event) and running it at that moment, so handlers read the time they would have on Forge.
   */
  async advanceTo(target: number): Promise<DrainReport[]> {
    const reports: DrainReport[] = [];
    reports.push(await this.drain());
    for (;;) {
      const next = this.nextDueAt();
      if (next === undefined || next > target) break;
      if (next > this.clock.now()) this.clock.set(next);
      reports.push(await this.drain());
    }
    if (target > this.clock.now()) this.clock.set(target);
    reports.push(await this.drain());
    return reports;
  }

  nextDueAt(): number | undefined {
    const times = [this.scheduler.nextDueAt(), this.events.nextDueAt(), this.queue.nextDueAt()].filter((t): t is number => t !== undefined);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /**
   * Calls a resolver definition the way the admin page's `invoke(key, payload)` does: through the resolver function
   * of the UI module (the only one, or `moduleKey`), as the given user.
   */
  async invokeResolver(resolverKey: string, payload: unknown, options: { accountId?: string; moduleKey?: string } = {}) {
    const resolvers = this.modules.resolvers.filter((r) => options.moduleKey === undefined || r.key === options.moduleKey);
    const module = resolvers[0];
    if (!module) return { outcome: 'threw' as const, error: { name: 'NoResolver', message: options.moduleKey ? `no UI module ${options.moduleKey} with a resolver in manifest.yml` : 'manifest.yml declares no UI module with a resolver' } };
    const accountId = options.accountId ?? LOCAL_APP.adminAccountId;
    const call = {
      call: { functionKey: resolverKey, payload: payload ?? {} },
      context: { accountId, cloudId: LOCAL_APP.cloudId, moduleKey: module.key, localId: `local-${module.key}`, environmentType: LOCAL_APP.environmentType, extension: { type: module.moduleType } },
    };
    return this.host.invoke(module.functionKey, {
      moduleType: module.moduleType,
      moduleKey: module.key,
      accountId,
      args: [call, { installContext: CONTEXT_ARI, principal: { accountId }, workspaceId: LOCAL_APP.cloudId }],
    });
  }

  close(): void {
    this.#unsubscribe();
    this.#globals.uninstall();
    this.storage.close();
  }

  async #consume(delivery: AsyncEventDelivery): Promise<DeliveryOutcome> {
    const outcome = await this.host.invoke(delivery.consumer.functionKey, {
      moduleType: 'consumer',
      moduleKey: delivery.consumer.key,
      args: [delivery.event, { installContext: CONTEXT_ARI, workspaceId: LOCAL_APP.cloudId }],
    });
    if (outcome.outcome === 'returned') return outcomeOf({ returned: outcome.value });
    if (outcome.outcome === 'threw') return outcomeOf({ threw: Object.assign(new Error(outcome.error.message), { name: outcome.error.name }) });
    // A killed consumer is an unknown platform error to Forge (a crash, not a timeout); both are retried.
    return appErrorOutcome(timedOutError(outcome), outcome.killed ? APP_ERROR_REASON : TIMEOUT_REASON);
  }
}

function addInto<T extends Record<string, number>>(into: T, from: T): void {
  for (const key of Object.keys(from) as (keyof T)[]) (into[key] as number) += from[key] as number;
}
