/**
 * Installs `global.__forge_runtime__` and `global.__forge_fetch__`, the two globals Forge's own wrapper provides, so
 * the real @forge/api, @forge/kvs and @forge/events run unchanged against the emulated services.
 *
 * Forge gives every invocation its own runtime object. Locally many invocations share one process, so the runtime
 * global is a getter over AsyncLocalStorage (as @forge/api's own bindInvocationContext is): each invocation sees its
 * own app context and remaining-time clock, and the router knows which invocation made a call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { type Clock, realNow } from './clock.js';
import type { Caller, WireRequest, WireResponse, WireService } from './wire.js';
import { errorResponse } from './wire.js';
import { isKillable, killCauseOf, killInvocation, KillVerdict, never } from './kill.js';
import { LOCAL_APP, type Invocation, type InvocationOptions, newInvocation, runtimeOf } from './invocation.js';

export type ForgeServices = { kvs?: WireService; jira?: WireService; queue?: WireService };
export type ServiceName = keyof ForgeServices;

/**
 * Sees every call before its service does: fault injection and request counters hook in here. It may answer a
 * KillVerdict instead of a response when the call is to kill its invocation, which it may only do when `killable`.
 */
export type CallInterceptor = (
  service: ServiceName,
  request: WireRequest,
  next: () => Promise<WireResponse>,
  call?: { killable: boolean },
) => Promise<WireResponse | KillVerdict>;

export interface ForgeGlobals {
  runAs<T>(invocation: InvocationOptions, fn: () => Promise<T>): Promise<T>;
  /** The invocation the current async context belongs to (the default one outside runAs). */
  current(): Invocation;
  uninstall(): void;
}

type Descriptor = { type?: unknown; provider?: unknown; remote?: unknown; accountId?: unknown };

declare global {
  var __forge_fetch__: ((descriptor: Descriptor, path: string, init?: RequestInit) => Promise<Response>) | undefined;
}

export function installForgeGlobals(
  services: ForgeServices,
  options: { intercept?: CallInterceptor; clock?: Clock; onLateCall?: (invocation: Invocation, path: string) => void } = {},
): ForgeGlobals {
  const storage = new AsyncLocalStorage<Invocation>();
  const fallback = newInvocation({ functionKey: 'local-test', moduleType: 'local' });
  const current = (): Invocation => storage.getStore() ?? fallback;
  const { clock } = options;
  if (clock) {
    // App code reads the time through Date.now() (its clock port). Inside an invocation that is the emulated clock,
    // so a rule evaluated after `advance: "3d"` sees three days pass; the runtime itself keeps wall-clock time.
    Date.now = () => (storage.getStore() === undefined ? realNow() : clock.now());
  }

  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get: () => runtimeOf(current()),
  });
  globalThis.__forge_fetch__ = async (descriptor, path, init) => {
    const invocation = current();
    if (invocation.ended) {
      options.onLateCall?.(invocation, path);
      // Forge freezes a function once its invocation is over; a call from a timed-out handler must not land.
      return toResponse(errorResponse(500, 'INVOCATION_ENDED', `invocation ${invocation.id} of ${invocation.functionKey} has ended`));
    }
    const service = serviceOf(descriptor, path);
    const request = await wireRequestOf(path, init);
    const target = service === undefined ? undefined : services[service];
    if (service === undefined || target === undefined) {
      return toResponse(errorResponse(501, 'NOT_EMULATED', `the local runtime does not emulate ${JSON.stringify(descriptor)} ${path}`));
    }
    request.headers['x-forge-provider'] = typeof descriptor.provider === 'string' ? descriptor.provider : 'none';
    if (typeof descriptor.accountId === 'string') request.headers['x-forge-account-id'] = descriptor.accountId;
    invocation.meter.count(service, request);
    invocation.meter.sampleHeap();
    const caller = callerOf(invocation);
    const next = (): Promise<WireResponse> => safely(() => target.handle(request, caller));
    const response = options.intercept ? await options.intercept(service, request, next, { killable: isKillable(invocation) }) : await next();
    if (response instanceof KillVerdict) {
      if (isKillable(invocation)) killInvocation(invocation, { service, operation: response.operation, applied: response.applied });
      return never();
    }
    // A killed process receives nothing, not even the answers to calls already in flight when it died.
    if (killCauseOf(invocation) !== undefined) return never();
    return toResponse(response);
  };

  return {
    runAs: (opts, fn) => storage.run(newInvocation(opts), fn),
    current,
    uninstall() {
      delete (globalThis as { __forge_runtime__?: unknown }).__forge_runtime__;
      Date.now = realNow;
      globalThis.__forge_fetch__ = undefined;
    },
  };
}

function serviceOf(descriptor: Descriptor, path: string): ServiceName | undefined {
  if (descriptor.type === 'kvs') return 'kvs';
  if (descriptor.type !== 'fpp') return undefined;
  if (descriptor.remote === 'jira') return 'jira';
  if (descriptor.remote === 'stargate' && path.startsWith('/webhook/queue/')) return 'queue';
  return undefined;
}

async function wireRequestOf(path: string, init: RequestInit | undefined): Promise<WireRequest> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    headers[name] = value;
  });
  const body = init?.body;
  let text: string | undefined;
  if (typeof body === 'string') text = body;
  else if (body !== undefined && body !== null) text = await new Response(body).text();
  return { path, method: (init?.method ?? 'GET').toUpperCase(), headers, body: text };
}

async function safely(call: () => Promise<WireResponse>): Promise<WireResponse> {
  try {
    return await call();
  } catch (error) {
    // A service bug must look like a platform 500 to the app, never like an exception thrown by the SDK call itself.
    return errorResponse(500, 'INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error));
  }
}

function toResponse(wire: WireResponse): Response {
  const headers = new Headers(wire.headers);
  if (!headers.has('x-trace-id')) headers.set('x-trace-id', randomUUID().replaceAll('-', ''));
  const nullBody = wire.status === 204 || wire.status === 304 || wire.body === undefined;
  return new Response(nullBody ? null : wire.body, { status: wire.status, statusText: STATUS_CODES[wire.status] ?? '', headers });
}

function callerOf(invocation: Invocation): Caller {
  return {
    appId: LOCAL_APP.appId,
    environmentId: LOCAL_APP.environmentId,
    appVersion: LOCAL_APP.appVersion,
    installationId: LOCAL_APP.installationId,
    functionKey: invocation.functionKey,
    invocationId: invocation.id,
    ...(invocation.accountId === undefined ? {} : { accountId: invocation.accountId }),
  };
}
