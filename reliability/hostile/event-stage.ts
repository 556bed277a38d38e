import fc from 'fast-check';
import { canonical, digest } from '../../src/app/run/event-identity.js';
import { acrossBoundary, type InvocationOutcome } from '../../src/local/host/function-host.js';
import { startApp, type App } from '../../test/app/run/harness.js';
import { generatedPayload, type GeneratedPayload, type PayloadKind } from './payloads.js';
import type { Progress } from './document-stage.js';
import { prototypeChanges, snapshotPrototypes } from './prototype-guard.js';

/** Delivers one payload to the trigger as Forge does; injectable so a test can prove the crash counter counts. */
export type Deliver = (app: App, payload: unknown) => Promise<InvocationOutcome>;

export const forgeDelivery: Deliver = (app, payload) =>
  app.runtime.host.invoke('jira-event', { moduleType: 'core:function', moduleKey: 'jira-events', args: [payload, {}] });

export type EventFigures = {
  payloads: number;
  /** The invocation threw or timed out, returned something other than the handler's result, or polluted a prototype. */
  crashes: number;
  /** Answered as MALFORMED_EVENT. */
  malformed: number;
  /** Distinct malformed payloads (identical payloads share one record). */
  distinctMalformed: number;
  /** Distinct malformed payloads with their FAILED/MALFORMED_EVENT execution record in storage. */
  recorded: number;
  /**
   * Malformed deliveries whose record is not under their digest's key: the payload is too deep for the app's recursive
   * canonical form, so the app files it under a random key. Found (and counted in `recorded`) by counting the
   * rejection records no digest explains; identical payloads of this kind do not share a record.
   */
  withoutStableKey: number;
  accepted: number;
  /** What the handler and runtime wrote to the console, by method, while the stage kept it quiet. */
  logged: Record<string, number>;
  byKind: Partial<Record<PayloadKind, { payloads: number; malformed: number; accepted: number; crashes: number }>>;
  slowestMs: number;
  apps: number;
  crashSamples: string[];
};

export type EventStageOptions = { events: number; seed: number; eventsPerApp: number; deliver: Deliver; progress?: Progress };

type HandlerResult = { accepted: false; code: string; issues: number; recorded: boolean } | { accepted: true };

/** The handler's two answers (src/app/run/handle-event.ts); INTERNAL_ERROR is the entry point's catch-all, a crash. */
function handlerResult(value: unknown): HandlerResult | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v['accepted'] === true && typeof v['eventType'] === 'string' && typeof v['issueKey'] === 'string' && Array.isArray(v['outcomes'])) return { accepted: true };
  if (v['accepted'] === false && v['code'] === 'MALFORMED_EVENT' && typeof v['issues'] === 'number' && typeof v['recorded'] === 'boolean') {
    return { accepted: false, code: v['code'], issues: v['issues'], recorded: v['recorded'] };
  }
  return undefined;
}

/** The record key the app uses for a rejected payload, or undefined when its canonical form cannot be computed. */
function recordKey(payload: unknown): string | undefined {
  try {
    return `rejected-${digest(canonical(acrossBoundary(payload))).slice(0, 40)}`;
  } catch {
    return undefined;
  }
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Silences the console while payloads are delivered (the handler warns for each rejection), counting by method. */
function quietConsole(logged: Record<string, number>): { on(): void; off(): void } {
  const saved = CONSOLE_METHODS.map((method) => [method, Reflect.get(console, method) as unknown] as const);
  return {
    on() {
      for (const method of CONSOLE_METHODS) {
        Reflect.set(console, method, () => {
          logged[method] = (logged[method] ?? 0) + 1;
        });
      }
    },
    off() {
      for (const [method, original] of saved) Reflect.set(console, method, original);
    },
  };
}

/** What one app's batch left to check in its storage. */
type Batch = { keys: Set<string>; undigestable: number };

/**
 * Generated payloads through the trigger handler in the local runtime, a fresh app every `eventsPerApp`, console
 * silenced and counted. After each app's batch its storage is read once to find the rejected records.
 */
export async function runEventStage(options: EventStageOptions): Promise<EventFigures> {
  const figures: EventFigures = {
    payloads: 0, crashes: 0, malformed: 0, distinctMalformed: 0, recorded: 0, withoutStableKey: 0, accepted: 0, logged: {}, byKind: {}, slowestMs: 0, apps: 0, crashSamples: [],
  };
  const expected = new Set<string>();
  const found = new Set<string>();
  let undigestable = 0;
  const quiet = quietConsole(figures.logged);
  const prototypes = snapshotPrototypes();
  for (let batch = 0; figures.payloads < options.events; batch++) {
    const payloads = fc.sample(generatedPayload, { seed: (options.seed + 7_919 * (batch + 1)) | 0, numRuns: Math.min(options.eventsPerApp, options.events - figures.payloads) });
    quiet.on();
    const app = startApp();
    figures.apps++;
    try {
      const delivered = await deliverAll(app, payloads, options.deliver, figures);
      for (const key of delivered.keys) expected.add(key);
      undigestable += delivered.undigestable;
      findRecords(app, delivered, found, figures);
    } finally {
      app.close();
      quiet.off();
    }
    options.progress?.('events', figures.payloads, options.events);
  }
  figures.distinctMalformed = expected.size + undigestable;
  figures.recorded += found.size;
  const changes = prototypeChanges(prototypes);
  if (changes.length > 0) {
    figures.crashes++;
    figures.crashSamples.push(`prototype pollution: ${changes.join('; ')}`);
  }
  return figures;
}

async function deliverAll(app: App, payloads: readonly GeneratedPayload[], deliver: Deliver, figures: EventFigures): Promise<Batch> {
  const batch: Batch = { keys: new Set(), undigestable: 0 };
  for (const { kind, payload } of payloads) {
    const tally = (figures.byKind[kind] ??= { payloads: 0, malformed: 0, accepted: 0, crashes: 0 });
    figures.payloads++;
    tally.payloads++;
    const started = performance.now();
    let outcome: InvocationOutcome;
    try {
      outcome = await deliver(app, payload);
    } catch (error) {
      outcome = { outcome: 'threw', error: { name: 'DeliveryError', message: error instanceof Error ? error.message : String(error) } };
    }
    figures.slowestMs = Math.max(figures.slowestMs, performance.now() - started);
    const result = outcome.outcome === 'returned' ? handlerResult(outcome.value) : undefined;
    if (result === undefined) {
      figures.crashes++;
      tally.crashes++;
      if (figures.crashSamples.length < 5) figures.crashSamples.push(`${kind}: ${JSON.stringify(outcome).slice(0, 300)}`);
    } else if (result.accepted) {
      figures.accepted++;
      tally.accepted++;
    } else {
      figures.malformed++;
      tally.malformed++;
      const key = recordKey(payload);
      if (key === undefined) batch.undigestable++;
      else batch.keys.add(key);
    }
  }
  return batch;
}

const isRejection = (value: unknown): boolean => {
  const v = value as { status?: unknown; error?: { code?: unknown } } | null;
  return v?.status === 'FAILED' && v.error?.code === 'MALFORMED_EVENT';
};

/**
 * Finds the batch's rejection records: by digest key where there is one; the rest (payloads too deep for the app's
 * recursive canonical form, filed under a random key) by counting the rejection records no digest explains.
 */
function findRecords(app: App, batch: Batch, found: Set<string>, figures: EventFigures): void {
  const rows = new Map(app.runtime.storage.contents().filter((row) => row.entity === 'execution' && row.key.startsWith('rejected-')).map((row) => [row.key, row.value]));
  let unstable = batch.undigestable;
  for (const key of batch.keys) {
    if (isRejection(rows.get(key))) found.add(key);
    // The app could not compute this payload's canonical form where we could (its stack is deeper).
    else unstable++;
  }
  const unexplained = [...rows].filter(([key, value]) => !batch.keys.has(key) && isRejection(value)).length;
  figures.withoutStableKey += unstable;
  figures.recorded += Math.min(unstable, unexplained);
}
