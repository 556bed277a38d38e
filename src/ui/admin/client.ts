import { invoke } from '@forge/bridge';
import { createContext, useContext } from 'react';
import type { ResolverKey, ResolverPayload, ResolverResponse, ResolverResults } from '../../contract/resolver-contract.js';

/** One typed call per resolver key: the payload and the result are the backend's own contract types. */
export type AdminClient = <K extends ResolverKey>(key: K, payload: ResolverPayload<K>) => Promise<ResolverResponse<ResolverResults[K]>>;

/**
 * The page's only way to the backend: @forge/bridge `invoke` to the admin resolver. A bridge failure (the host gone,
 * a resolver that threw or timed out) becomes an error envelope too, so every view handles one shape.
 */
export const bridgeClient: AdminClient = async (key, payload) => {
  try {
    return (await invoke(key, payload as Record<string, unknown>)) as ResolverResponse<ResolverResults[typeof key]>;
  } catch (err) {
    return { ok: false, error: { code: 'BRIDGE_ERROR', message: err instanceof Error ? err.message : String(err) } };
  }
};

/** Views take the client from context: the page provides the bridge one, component tests a fake. */
export const ClientContext = createContext<AdminClient>(bridgeClient);
export const useClient = (): AdminClient => useContext(ClientContext);
