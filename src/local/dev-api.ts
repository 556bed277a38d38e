/**
 * The dev API under /__dev (documented in docs/local-runtime.md): drive the emulated platform from curl or a test.
 * Every request that runs app code goes through one serial lane, so a drain never interleaves with another drain
 * or a clock move and the counts it reports are its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyError, parseDuration, readJson, send } from './http-io.js';
import type { LocalRuntime } from './runtime/local-runtime.js';
import { faultsRequestOf, FaultSpecError, type FaultsRequest } from './runtime/fault-spec.js';

export class SerialLane {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(work, work);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

type Route = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>;

export function devRoutes(runtime: LocalRuntime, lane: SerialLane): { method: string; pattern: RegExp; handle: Route }[] {
  const drainSoon = (): void => {
    void lane.run(() => runtime.drain());
  };
  return [
    {
      method: 'POST',
      pattern: /^\/__dev\/events$/,
      async handle(req, res) {
        const result = runtime.publishEvent(await readJson(req));
        if (!result.ok) { send(res, 400, result); return; }
        drainSoon();
        send(res, 202, result);
      },
    },
    {
      method: 'POST',
      pattern: /^\/__dev\/drain$/,
      async handle(_req, res) {
        send(res, 200, await lane.run(() => runtime.drain()));
      },
    },
    {
      method: 'GET',
      pattern: /^\/__dev\/clock$/,
      handle(_req, res) {
        send(res, 200, clockState(runtime));
        return Promise.resolve();
      },
    },
    {
      method: 'POST',
      pattern: /^\/__dev\/clock$/,
      async handle(req, res) {
        const body = (await readJson(req)) as { now?: unknown; advance?: unknown };
        const target = targetOf(runtime, body);
        if (typeof target === 'string') { send(res, 400, { code: 'INVALID_CLOCK', message: target }); return; }
        const reports = await lane.run(() => runtime.advanceTo(target));
        send(res, 200, { ...clockState(runtime), fired: summarise(reports) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/__dev\/invoke\/([^/]+)$/,
      async handle(req, res, [resolverKey]) {
        const body = (await readJson(req)) as { payload?: unknown; accountId?: unknown; moduleKey?: unknown };
        const options = {
          ...(typeof body.accountId === 'string' ? { accountId: body.accountId } : {}),
          ...(typeof body.moduleKey === 'string' ? { moduleKey: body.moduleKey } : {}),
        };
        const outcome = await lane.run(() => runtime.invokeResolver(decodeURIComponent(resolverKey ?? ''), body.payload, options));
        if (outcome.outcome === 'returned') send(res, 200, { result: outcome.value ?? null });
        else if (outcome.outcome === 'threw') send(res, 500, { code: 'RESOLVER_ERROR', error: outcome.error });
        else if (outcome.killed) send(res, 500, { code: 'FUNCTION_KILLED', message: `the resolver was killed mid-run (injected fault on a ${outcome.killed.service} call)` });
        else send(res, 504, { code: 'FUNCTION_TIME_OUT', message: `the resolver timed out after ${String(outcome.timeoutSeconds)} s` });
        drainSoon();
      },
    },
    {
      method: 'GET',
      pattern: /^\/__dev\/stats$/,
      handle(_req, res) {
        send(res, 200, {
          requests: runtime.traffic.stats(),
          kills: runtime.traffic.kills(),
          faults: runtime.traffic.faults(),
          events: { pending: runtime.events.pending(), failed: runtime.events.failed().length },
          queue: { pending: runtime.queue.pending(), deadLetters: runtime.queue.deadLetters().length },
          scheduledTriggers: runtime.scheduler.upcoming(),
          invocations: countBy(runtime.host.recent().map((r) => `${r.functionKey}:${r.killed ? 'killed' : r.outcome}`)),
        });
        return Promise.resolve();
      },
    },
    {
      method: 'POST',
      pattern: /^\/__dev\/faults$/,
      async handle(req, res) {
        let request: FaultsRequest;
        try {
          request = faultsRequestOf(await readJson(req));
        } catch (error) {
          if (error instanceof FaultSpecError) { send(res, 400, { code: 'INVALID_FAULTS', message: error.message }); return; }
          throw error;
        }
        for (const [service, spec] of request.set) runtime.traffic.setFaults(service, spec);
        if (request.seed !== undefined) runtime.traffic.reseed(request.seed);
        send(res, 200, { faults: runtime.traffic.faults() });
      },
    },
    {
      method: 'GET',
      pattern: /^\/__dev\/invocations$/,
      handle(_req, res) {
        send(res, 200, { invocations: runtime.host.recent() });
        return Promise.resolve();
      },
    },
    {
      method: 'GET',
      pattern: /^\/__dev\/failures$/,
      handle(_req, res) {
        send(res, 200, {
          invocations: runtime.host.recent().filter((r) => r.outcome !== 'returned'),
          productEvents: runtime.events.failed(),
          queueDeadLetters: runtime.queue.deadLetters(),
          lateCalls: runtime.lateCalls,
        });
        return Promise.resolve();
      },
    },
  ];
}

function clockState(runtime: LocalRuntime): { now: string; frozen: boolean } {
  return { now: new Date(runtime.clock.now()).toISOString(), frozen: runtime.clock.frozen };
}

function targetOf(runtime: LocalRuntime, body: { now?: unknown; advance?: unknown }): number | string {
  if ((body.now === undefined) === (body.advance === undefined)) return 'give exactly one of {"now": ISO time} or {"advance": "15m"}';
  if (body.advance !== undefined) {
    const ms = parseDuration(body.advance);
    return ms === undefined ? `advance ${JSON.stringify(body.advance)} is not a duration like 90s, 15m, 2h, 1d, 1w` : runtime.clock.now() + ms;
  }
  const at = typeof body.now === 'string' ? Date.parse(body.now) : NaN;
  if (Number.isNaN(at)) return `now ${JSON.stringify(body.now)} is not an ISO time`;
  if (at < runtime.clock.now()) return 'the clock only moves forward (TTLs, delays and schedules would go back in time)';
  return at;
}

function summarise(reports: Awaited<ReturnType<LocalRuntime['advanceTo']>>): Record<string, number> {
  const sum = { scheduledTriggers: 0, productEvents: 0, queueEvents: 0, retried: 0, failed: 0 };
  for (const r of reports) {
    sum.scheduledTriggers += r.scheduled.length;
    sum.productEvents += r.events.delivered;
    sum.queueEvents += r.queue.delivered;
    sum.retried += r.events.retried + r.queue.retried;
    sum.failed += r.events.failed + r.queue.failed;
  }
  return sum;
}

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of keys) out[key] = (out[key] ?? 0) + 1;
  return out;
}

export { BodyError };
