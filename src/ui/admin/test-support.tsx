// Component tests render views against a fake client: every call is recorded, and answers come from the test.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { ResolverKey, ResolverPayload, ResolverResponse, ResolverResults } from '../../contract/resolver-contract.js';
import { ClientContext, type AdminClient } from './client.js';

export type FakeHandlers = { [K in ResolverKey]?: (payload: ResolverPayload<K>) => ResolverResponse<ResolverResults[K]> | Promise<ResolverResponse<ResolverResults[K]>> };

export type FakeClient = AdminClient & { calls: { key: ResolverKey; payload: unknown }[] };

/** A client that answers from `handlers`; a key without a handler answers NOT_IMPLEMENTED (and the test sees it). */
export function fakeClient(handlers: FakeHandlers): FakeClient {
  const calls: { key: ResolverKey; payload: unknown }[] = [];
  const client = ((key: ResolverKey, payload: unknown) => {
    calls.push({ key, payload });
    const handler = handlers[key] as ((p: unknown) => unknown) | undefined;
    if (handler === undefined) return Promise.resolve({ ok: false, error: { code: 'NOT_IMPLEMENTED', message: `no fake for ${key}` } });
    return Promise.resolve(handler(payload));
  }) as FakeClient;
  client.calls = calls;
  return client;
}

export const ok = <T,>(result: T): { ok: true; result: T } => ({ ok: true, result });

export function renderWithClient(ui: ReactElement, client: AdminClient): RenderResult {
  return render(<ClientContext.Provider value={client}>{ui}</ClientContext.Provider>);
}
