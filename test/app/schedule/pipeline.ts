/**
 * A scheduled-run pipeline on in-memory storage and queue, with the simulated site as Jira: fast enough to run a
 * run hundreds of times over, and with hooks to kill an invocation at any storage or Jira call. The pump delivers
 * queued messages in order and moves the clock by each message's delay, as Forge would deliver it later.
 */
import { siteJiraPort } from '../../../bench/events/site-jira.js';
import type { AppDeps } from '../../../src/app/deps.js';
import { createRuleStore } from '../../../src/app/rules/rule-store.js';
import { continueRun } from '../../../src/app/run/continue-run.js';
import { storeRuleSource } from '../../../src/app/run/store-rule-source.js';
import { createLogicEngine } from '../../../src/core/logic/engine.js';
import { createJiraSite, type JiraSite } from '../../../src/local/jira/site/index.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../../src/local/runtime/invocation.js';
import { createMemoryQueue, type MemoryQueue } from '../../support/memory-queue.js';
import { createMemoryStorage, manifestEntityDeclarations } from '../../support/memory-storage.js';

export const T0 = Date.parse('2026-03-02T09:00:00Z');

/** What a killed invocation throws: not an app error, the platform stopping the function mid-call. */
export class Killed extends Error {
  override name = 'Killed';
}

export type Pipeline = {
  deps: AppDeps;
  site: JiraSite;
  queue: MemoryQueue;
  clock: Clock;
  /** Jira calls made, by method and path template. */
  jiraCalls: { method: string; detail: string }[];
  /** Kill the invocation in progress at the n-th storage call from now (1 = the next). */
  killAtStorageCall(n: number): void;
  /** Kill the invocation in progress just after Jira carried out the n-th write from now. */
  killAfterJiraWrite(n: number): void;
  /** Jira writes answered 429 (Retry-After 30) instead of carried out, the next n of them. */
  throttleJiraWrites(n: number): void;
  pump(options?: { duplicate?: boolean }): Promise<{ deliveries: number; killed: number }>;
  saveRule(document: unknown): Promise<void>;
};

export function createPipeline(): Pipeline {
  const clock = new Clock({ start: T0, frozen: true });
  const site = createJiraSite({ clock, appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId, data: 'bare' });
  const base = siteJiraPort(site).jira;
  const memory = createMemoryStorage({ entities: manifestEntityDeclarations(), now: () => clock.now() });
  const queue = createMemoryQueue();
  const jiraCalls: { method: string; detail: string }[] = [];
  let storageCountdown = Infinity;
  let jiraWriteCountdown = Infinity;
  let throttled = 0;
  // A killed invocation is dead: every call its other in-flight work makes fails too, until the next delivery.
  let dead = false;

  const storage = new Proxy(memory, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        storageCountdown -= 1;
        if (dead || storageCountdown <= 0) {
          storageCountdown = Infinity;
          dead = true;
          return Promise.reject(new Killed(`killed at storage ${String(property)}`));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });

  const writes = new Set(['editIssue', 'addComment', 'transitionIssue', 'assignIssue']);
  const jira = new Proxy(base, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const name = String(property);
        if (dead) throw new Killed(`dead at ${name}`);
        jiraCalls.push({ method: name, detail: JSON.stringify(args) });
        if (writes.has(name) && throttled > 0) {
          throttled -= 1;
          return { ok: false, failure: { status: 429, retryable: true, retryAfterSeconds: 30, message: 'Too many requests', errors: {} } };
        }
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (writes.has(name)) {
          jiraWriteCountdown -= 1;
          if (jiraWriteCountdown <= 0) {
            jiraWriteCountdown = Infinity;
            dead = true;
            throw new Killed(`killed after ${name}`);
          }
        }
        return result;
      };
    },
  });

  const deps: AppDeps = { storage, jira, queue, now: () => clock.now(), logic: createLogicEngine(), appAccountId: LOCAL_APP.appAccountId };
  const rules = storeRuleSource(deps);
  let next = 0;

  return {
    deps, site, queue, clock, jiraCalls,
    killAtStorageCall(n) { storageCountdown = n; },
    killAfterJiraWrite(n) { jiraWriteCountdown = n; },
    throttleJiraWrites(n) { throttled = n; },
    async saveRule(document) {
      const saved = await createRuleStore({ storage: memory, now: () => clock.now() }).save({ document, expectedVersion: null, actor: 'test' });
      if (!saved.ok) throw new Error(`rule not saved: ${JSON.stringify(saved)}`);
    },
    async pump(options = {}) {
      let deliveries = 0;
      let killed = 0;
      while (next < queue.pushed().length) {
        const event = queue.pushed()[next++];
        if (event === undefined) break;
        if ((event.delayInSeconds ?? 0) > 0) clock.advance((event.delayInSeconds ?? 0) * 1000);
        for (let copy = 0; copy < (options.duplicate === true ? 2 : 1); copy++) {
          // A killed invocation is delivered again (Forge retries a consumer that failed or timed out).
          for (let attempt = 0; ; attempt++) {
            if (attempt > 20) throw new Error('delivered 20 times without finishing');
            deliveries += 1;
            dead = false;
            try {
              await continueRun(deps, rules, event.body);
              break;
            } catch (error) {
              if (!(error instanceof Killed)) throw error;
              killed += 1;
              // Forge redelivers after a while; a dead holder's lease must run out before its run is taken over.
              clock.advance(160_000);
            }
          }
        }
        if (deliveries > 100_000) throw new Error('the pump does not stop');
      }
      return { deliveries, killed };
    },
  };
}

/** Issues OPS-1..OPS-n in a project of the bare site; every third one already carries the label `done`. */
export function importIssues(site: JiraSite, count: number): void {
  for (let i = 1; i <= count; i++) {
    site.importIssue({
      key: `OPS-${String(i)}`,
      fields: {
        project: { id: '10100', key: 'OPS', name: 'Operations' }, issuetype: { name: 'Task' }, summary: `Task ${String(i)}`,
        status: { name: 'To Do' }, priority: { name: i % 2 === 0 ? 'High' : 'Medium' }, labels: i % 3 === 0 ? ['done'] : [],
      },
    });
  }
}

export const commentsOn = async (site: JiraSite, key: string): Promise<number> => {
  const response = await site.handle(
    { method: 'GET', path: `/rest/api/3/issue/${key}/comment`, headers: { 'x-forge-provider': 'app' }, body: undefined },
    { appId: 't', environmentId: 't', appVersion: '1', installationId: 't', functionKey: 't', invocationId: 't' },
  );
  return (JSON.parse(response.body ?? '{}') as { comments: unknown[] }).comments.length;
};
