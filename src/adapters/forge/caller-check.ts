/**
 * The caller port on Forge: GET /rest/api/3/mypermissions?permissions=ADMINISTER through requestJira *as the user*
 * (asUser works in UI resolver invocations, which carry the user). Scope: read:jira-work, already held.
 */
import { asUser, route } from '@forge/api';
import type { AdminCheck, CallerPort } from '../../ports/caller.js';

export function forgeCallerCheck(): CallerPort {
  return {
    async checkAdmin(): Promise<AdminCheck> {
      try {
        const response = await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, { headers: { Accept: 'application/json' } });
        if (!response.ok) {
          // 401/403: Jira does not accept this user at all; anything else is Jira being unavailable.
          if (response.status === 401 || response.status === 403) return { admin: false, reason: 'NOT_ADMIN' };
          return { admin: false, reason: 'UNAVAILABLE', message: `Jira answered ${String(response.status)} when asked for your permissions.` };
        }
        const body = (await response.json()) as { permissions?: { ADMINISTER?: { havePermission?: unknown } } };
        return body.permissions?.ADMINISTER?.havePermission === true ? { admin: true } : { admin: false, reason: 'NOT_ADMIN' };
      } catch (error) {
        return { admin: false, reason: 'UNAVAILABLE', message: `Your permissions could not be checked: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}
