/** What every handler gets: the site, the acting user, the route's parameters and the request itself. */
import type { Clock } from '../../runtime/clock.js';
import { fail, MESSAGES } from './errors.js';
import type { Issue, Project, User } from './model.js';
import { canBrowse } from './permissions.js';
import type { SiteState } from './state.js';

export type Site = {
  readonly state: SiteState;
  readonly clock: Clock;
  /** The base of every `self` URL. */
  readonly baseUrl: string;
  readonly appAccountId: string;
  emit(event: Record<string, unknown>): void;
};

export type RequestContext = {
  readonly site: Site;
  readonly actor: User;
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: string | undefined;
};

/** The request body as JSON; Jira answers 400 for a missing or unreadable body. */
export function jsonBody(request: RequestContext): unknown {
  const text = request.body ?? '';
  if (text.trim() === '') fail(400, ['No content to map due to end-of-input']);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail(400, ['The request body is not valid JSON.']);
  }
}

export function objectBody(request: RequestContext): Record<string, unknown> {
  const body = jsonBody(request);
  if (!isRecord(body)) fail(400, ['The request body must be a JSON object.']);
  return body;
}

/**
 * The issue named by the route, if the actor may browse it. Jira answers the same 404 for an issue that does not
 * exist and one the user cannot see, so that keys do not leak.
 */
export function visibleIssue(request: RequestContext, name = 'issueIdOrKey'): Issue {
  const issue = request.site.state.issue(request.params[name] ?? '');
  if (!issue || !canBrowse(request.actor, request.site.state.projectOf(issue))) fail(404, [MESSAGES.issueNotFound]);
  return issue;
}

export function visibleProjects(request: RequestContext): Project[] {
  return request.site.state.projects.filter((project) => canBrowse(request.actor, project));
}

/** An id as clients send it: a string, or a number for the numeric ids Jira also accepts. */
export function idText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Jira's timestamp format: ISO 8601 with milliseconds and a ±hhmm offset; the site runs in UTC. */
export function jiraTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
