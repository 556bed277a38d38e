/** A demo site on a frozen clock, and a `call` that speaks to it as the app, a user, or an invocation would. */
import { createJiraSite, type JiraSite, type JiraSiteOptions } from '../../../../src/local/jira/site/index.js';
import { Clock } from '../../../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../../../src/local/runtime/invocation.js';
import type { Caller } from '../../../../src/local/runtime/wire.js';

export const START = Date.parse('2026-03-02T09:00:00Z');
export const APP = LOCAL_APP.appAccountId;
export const ADMIN = LOCAL_APP.adminAccountId;
export const BEN = '557058:local-ben';
export const CHLOE = '557058:local-chloe';
export const DEV = '557058:local-dev';
export const EMMA = '557058:local-emma';
/** The non-admin who may only browse RF. */
export const FINN = '557058:local-finn';

export type Reply = { status: number; body: unknown; headers: Record<string, string> };
export type CallOptions = {
  /** 'app' (asApp), an account id (asUser), or {invocationUser} for a plain requestJira from a resolver. */
  as?: string | { invocationUser?: string };
  body?: unknown;
  rawBody?: string;
};

export type Harness = {
  site: JiraSite;
  clock: Clock;
  events: Record<string, unknown>[];
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
};

export function harness(options: Partial<JiraSiteOptions> = {}): Harness {
  const clock = options.clock ?? new Clock({ start: START, frozen: true });
  const site = createJiraSite({ clock, appAccountId: APP, adminAccountId: ADMIN, ...options });
  const events: Record<string, unknown>[] = [];
  site.onEvent((event) => events.push(event));
  return {
    site,
    clock,
    events,
    async call(method, path, callOptions = {}) {
      const as = callOptions.as ?? 'app';
      const headers: Record<string, string> = typeof as === 'string'
        ? as === 'app' ? { 'x-forge-provider': 'app' } : { 'x-forge-provider': 'user', 'x-forge-account-id': as }
        : { 'x-forge-provider': 'none' };
      const caller: Caller = {
        appId: LOCAL_APP.appId, environmentId: LOCAL_APP.environmentId, appVersion: LOCAL_APP.appVersion,
        installationId: LOCAL_APP.installationId, functionKey: 'test', invocationId: 'invocation-1',
        ...(typeof as === 'object' && as.invocationUser !== undefined ? { accountId: as.invocationUser } : {}),
      };
      const body = callOptions.rawBody ?? (callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body));
      const response = await site.handle({ method, path, headers, body }, caller);
      return { status: response.status, body: response.body === undefined ? undefined : (JSON.parse(response.body) as unknown), headers: response.headers ?? {} };
    },
  };
}

/** A text-only ADF document. */
export function adf(text: string): { type: 'doc'; version: 1; content: unknown[] } {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

export type IssueJson = { id: string; key: string; fields: Record<string, unknown> };
export type ErrorBody = { errorMessages: string[]; errors: Record<string, string> };
