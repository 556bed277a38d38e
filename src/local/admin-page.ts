// Serves the built admin page (static/admin) the way Forge serves a Custom UI resource, with a bridge that reaches
// the local runtime's resolvers: the page's own code, and the real @forge/bridge in it, run unchanged.
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { LOCAL_APP } from './runtime/invocation.js';

export const ADMIN_PATH = '/admin/';
export const BRIDGE_PATH = '/__dev/bridge.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

/**
 * Forge's Custom UI iframe allows only the app's own origin, plus inline styles when the manifest asks for them
 * (permissions.content.styles: unsafe-inline). The same policy here makes a page that would break on Forge break
 * locally too.
 */
export function contentSecurityPolicy(manifest: unknown): string {
  const content = (manifest as { permissions?: { content?: { styles?: unknown; scripts?: unknown } } } | null)?.permissions?.content;
  const inline = (list: unknown): string => (Array.isArray(list) && list.includes('unsafe-inline') ? " 'unsafe-inline'" : '');
  return [
    "default-src 'self'", `script-src 'self'${inline(content?.scripts)}`, `style-src 'self'${inline(content?.styles)}`,
    "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'", "frame-ancestors 'self'", "object-src 'none'",
  ].join('; ');
}

/**
 * The bridge @forge/bridge looks for (`globalThis.__bridge.callBridge`). `invoke` posts to the dev API's resolver
 * endpoint as the page's user: `?as=<accountId>` on the page's address picks one of the simulated site's users, so a
 * non-administrator can be tried; the seeded administrator otherwise.
 */
export function bridgeScript(): string {
  const context = { cloudId: LOCAL_APP.cloudId, environmentType: LOCAL_APP.environmentType, moduleKey: 'ruleforge-admin', localId: 'local-ruleforge-admin', locale: 'en-US', timezone: 'UTC', siteUrl: 'http://localhost', extension: { type: 'jira:adminPage' } };
  return `"use strict";
(function () {
  var accountId = new URLSearchParams(window.location.search).get('as') || ${JSON.stringify(LOCAL_APP.adminAccountId)};
  var context = Object.assign(${JSON.stringify(context)}, { accountId: accountId });
  window.__bridge = {
    callBridge: function (op, payload) {
      if (op === 'getContext') return Promise.resolve(context);
      if (op !== 'invoke') return Promise.reject(new Error('The local bridge does not provide ' + op));
      return fetch('/__dev/invoke/' + encodeURIComponent(payload.functionKey), {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ payload: payload.payload, accountId: accountId, moduleKey: 'ruleforge-admin' })
      }).then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body.message || body.code || ('HTTP ' + res.status));
          return body.result;
        });
      });
    }
  };
})();
`;
}

/** Answers a request under /admin/; false when the page was not built (npm start builds it first). */
export function serveAdminPage(staticDir: string, pathname: string, csp: string, res: ServerResponse): boolean {
  const relative = pathname.slice(ADMIN_PATH.length) || 'index.html';
  const file = normalize(join(staticDir, relative));
  if (!file.startsWith(staticDir + sep) || !existsSync(file)) return false;
  let body: string | Buffer = readFileSync(file);
  if (relative === 'index.html') body = body.toString('utf8').replace('<head>', `<head>\n  <script src="${BRIDGE_PATH}"></script>`);
  res.writeHead(200, { 'content-type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`, 'content-security-policy': csp, 'cache-control': 'no-cache' });
  res.end(body);
  return true;
}
