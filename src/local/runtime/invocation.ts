/**
 * One Forge invocation as the local runtime sees it, and the `__forge_runtime__` object the SDKs read for it.
 * Remaining time is wall-clock time, not the controllable Clock: a handler's timeout is about how long the code runs,
 * and moving the emulated clock forward must not time out a handler that is still working.
 */
import { randomUUID } from 'node:crypto';
import { realNow } from './clock.js';
import { InvocationMeter } from './meter.js';

/** The one app, environment and installation the local runtime hosts. */
export const LOCAL_APP = {
  appId: '00000000-0000-4000-8000-000000000000',
  environmentId: '00000000-0000-4000-8000-00000000e4e4',
  environmentType: 'DEVELOPMENT',
  appVersion: '1.0.0',
  installationId: '00000000-0000-4000-8000-0000000001a1',
  cloudId: '00000000-0000-4000-8000-00000000c10d',
  /** The account Jira attributes the app's own asApp() changes to; ignoreSelf filters events caused by it. */
  appAccountId: '557058:ruleforge-local-app',
  /** Who the dev API acts as when a request names no user: the site admin using the admin page. */
  adminAccountId: '557058:local-site-admin',
} as const;

export const CONTEXT_ARI = `ari:cloud:jira::site/${LOCAL_APP.cloudId}`;

export type InvocationOptions = {
  functionKey: string;
  moduleType?: string;
  moduleKey?: string;
  /** The user the invocation runs for (resolvers called from the admin page). */
  accountId?: string;
  timeoutSeconds?: number;
};

export type Invocation = {
  readonly id: string;
  readonly functionKey: string;
  readonly moduleType: string;
  readonly moduleKey: string;
  readonly accountId: string | undefined;
  /** Wall-clock epoch ms after which Forge would have stopped the function. */
  readonly deadline: number;
  ended: boolean;
  /** The SDK calls it made and its heap growth, read into its InvocationRecord when it ends. */
  readonly meter: InvocationMeter;
  runtime?: object;
};

const DEFAULT_TIMEOUT_SECONDS = 25;

export function newInvocation(options: InvocationOptions): Invocation {
  return {
    id: randomUUID(),
    functionKey: options.functionKey,
    moduleType: options.moduleType ?? 'core:function',
    moduleKey: options.moduleKey ?? options.functionKey,
    accountId: options.accountId,
    deadline: realNow() + (options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    ended: false,
    meter: new InvocationMeter(),
  };
}

const metrics = {
  counter: () => ({ incr() {}, incrBy() {}, decr() {}, decrBy() {} }),
  timing: () => ({ measure: () => ({ stop() {} }) }),
  gauge: () => ({ set() {} }),
};

/** The ForgeRuntime shape of @forge/api (api/out/api/runtime.d.ts), built once per invocation. */
export function runtimeOf(invocation: Invocation): object {
  invocation.runtime ??= {
    proxy: { token: `local-${invocation.id}`, url: 'http://forge-proxy.local' },
    contextAri: CONTEXT_ARI,
    appContext: {
      appId: LOCAL_APP.appId,
      appVersion: LOCAL_APP.appVersion,
      environmentId: LOCAL_APP.environmentId,
      environmentType: LOCAL_APP.environmentType,
      invocationId: invocation.id,
      installationId: LOCAL_APP.installationId,
      functionKey: invocation.functionKey,
      moduleType: invocation.moduleType,
      moduleKey: invocation.moduleKey,
    },
    ...(invocation.accountId === undefined ? {} : { aaid: invocation.accountId }),
    lambdaContext: {
      awsRequestId: invocation.id,
      getRemainingTimeInMillis: () => Math.max(0, invocation.deadline - realNow()),
    },
    tracing: { traceId: invocation.id.replaceAll('-', ''), spanId: invocation.id.slice(0, 16).replaceAll('-', '') },
    realtime: {},
    metrics,
    featureFlags: () => false,
  };
  return invocation.runtime;
}
