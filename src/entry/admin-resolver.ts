import { makeResolver } from '@forge/resolver';
import { forgeCallerCheck } from '../adapters/forge/caller-check.js';
import { adminApi } from '../app/admin/admin-api.js';
import { RESOLVER_KEYS } from '../contract/resolver-contract.js';
import { forgeDeps } from './forge-deps.js';

/**
 * The admin page's resolver function: every key of the resolver contract. Each call first asks Jira, as the calling
 * user, whether they are a Jira administrator, and is refused (FORBIDDEN) if not.
 */
export const adminResolver = makeResolver(
  Object.fromEntries(
    RESOLVER_KEYS.map((key) => [key, async ({ payload, context }: { payload: unknown; context: unknown }) => {
      const accountId = (context as { accountId?: unknown } | null)?.accountId;
      const api = adminApi(forgeDeps(), forgeCallerCheck());
      return api[key](payload, { accountId: typeof accountId === 'string' ? accountId : 'unknown' });
    }]),
  ),
);
