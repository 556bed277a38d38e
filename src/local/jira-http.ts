/**
 * The simulated Jira site over HTTP, under /rest/api/3/, for admins and tests with curl. A request acts as a person
 * (the seeded site admin, or the account named by `x-ruleforge-user`), never as the app, so its changes raise
 * product events that the app's triggers receive, exactly as a person's edit in Jira would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-io.js';
import type { JiraSite } from './jira/site/index.js';
import { LOCAL_APP } from './runtime/invocation.js';

export const JIRA_PREFIX = '/rest/api/3/';
export const USER_HEADER = 'x-ruleforge-user';

/** Serves one request (its path starts with JIRA_PREFIX); `afterWrite` runs once a write has been answered. */
export async function serveJira(site: JiraSite, req: IncomingMessage, res: ServerResponse, afterWrite: () => void): Promise<void> {
  const named = req.headers[USER_HEADER];
  const accountId = typeof named === 'string' && named.trim() !== '' ? named.trim() : LOCAL_APP.adminAccountId;
  const method = (req.method ?? 'GET').toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  const response = await site.handle(
    {
      method,
      path: req.url ?? '/',
      headers: { 'x-forge-provider': 'user', 'x-forge-account-id': accountId, ...contentType(req) },
      body: body === '' ? undefined : body,
    },
    {
      appId: LOCAL_APP.appId,
      environmentId: LOCAL_APP.environmentId,
      appVersion: LOCAL_APP.appVersion,
      installationId: LOCAL_APP.installationId,
      functionKey: '(http)',
      invocationId: '(http)',
      accountId,
    },
  );
  res.writeHead(response.status, response.headers ?? {});
  res.end(response.body ?? '');
  if (method !== 'GET' && response.status < 300) afterWrite();
}

function contentType(req: IncomingMessage): Record<string, string> {
  const type = req.headers['content-type'];
  return typeof type === 'string' ? { 'content-type': type } : {};
}
