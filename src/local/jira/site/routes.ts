/**
 * A small router: method + path template (`/rest/api/3/issue/{issueIdOrKey}`) → handler. A path no template
 * matches answers 404; a path that matches with another method answers 405, as Jira's REST layer does.
 */
import type { WireResponse } from '../../runtime/wire.js';
import type { RequestContext } from './context.js';

export type Handler = (request: RequestContext) => WireResponse | Promise<WireResponse>;

export type Route = { method: string; template: string; handler: Handler };

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allow: string[] };

type Compiled = { route: Route; segments: readonly string[] };

export function createRouter(routes: readonly Route[]): (method: string, pathname: string) => RouteMatch {
  const compiled: Compiled[] = routes.map((route) => ({ route, segments: route.template.split('/').filter(Boolean) }));
  return (method, pathname) => {
    const parts = pathname.split('/').filter(Boolean);
    const allow: string[] = [];
    for (const { route, segments } of compiled) {
      const params = matchSegments(segments, parts);
      if (params === undefined) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allow.push(route.method);
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  };
}

function matchSegments(segments: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] as string;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      let value: string;
      try {
        value = decodeURIComponent(part);
      } catch {
        return undefined;
      }
      params[segment.slice(1, -1)] = value;
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}
