import { makeResolver } from '@forge/resolver';
import { adminApi } from '../app/admin/admin-api.js';
import { RESOLVER_KEYS } from '../contract/resolver-contract.js';
import { forgeDeps } from './forge-deps.js';

/**
 * The admin page's resolver function: every key of the resolver contract, run as the calling user. Only Jira
 * administrators can open a jira:adminPage; issue 9 adds an explicit administrator check here as well.
 */
export const adminResolver = makeResolver(
  Object.fromEntries(
    RESOLVER_KEYS.map((key) => [key, async ({ payload, context }: { payload: unknown; context: unknown }) => {
      const accountId = (context as { accountId?: unknown } | null)?.accountId;
      const api = adminApi(forgeDeps());
      return api[key](payload, { accountId: typeof accountId === 'string' ? accountId : 'unknown' });
    }]),
  ),
);
