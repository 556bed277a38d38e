/**
 * The simulated Jira Cloud site: the REST v3 subset the app calls, answered as Jira answers it (checked against
 * Jira's OpenAPI document in the tests), with Forge product events on every change. The local runtime plugs it in
 * as the `jira` service of `__forge_fetch__`; decision 0011 lists what is copied from Jira and what is approximated.
 */
import type { Clock } from '../../runtime/clock.js';
import type { Caller, WireRequest, WireResponse, WireService } from '../../runtime/wire.js';
import { jsonResponse } from '../../runtime/wire.js';
import { siteUsers } from './catalog.js';
import { getCommentProperty } from './comment-properties.js';
import { addComment, getComments } from './comments.js';
import type { RequestContext, Site } from './context.js';
import { JiraError, MESSAGES } from './errors.js';
import { assignIssue, createIssue, deleteIssue, editIssue, getIssue } from './issues.js';
import { importIssue, type ImportIssue } from './import.js';
import { getFields, getMyPermissions, getMyself, searchProjects } from './meta.js';
import type { User } from './model.js';
import { createRouter, type Route } from './routes.js';
import { generateIssues, type GenerateOptions } from './scale.js';
import { countPost, searchGet, searchPost } from './search.js';
import { seedDemo } from './seed.js';
import { SiteState } from './state.js';
import { doTransition, getTransitions } from './transitions.js';

export type { GenerateFields, GenerateOptions } from './scale.js';
export type { ImportIssue } from './import.js';

export type JiraSiteOptions = {
  clock: Clock;
  /** Seeds the demo data and scale mode; default 1. */
  seed?: number;
  /**
   * 'demo' (default): three projects and about 200 issues; 'empty': the same configuration, no issues; 'bare': no
   * projects either (the statuses, types, fields and people stay), for tests that import their own (`importIssue`).
   */
  data?: 'demo' | 'empty' | 'bare';
  /** The app's own account: asApp() calls act as it, and its changes' events carry it as atlassianId. */
  appAccountId: string;
  /** The seeded site admin. */
  adminAccountId: string;
  /** Base of the `self` URLs; default https://ruleforge-local.invalid (a name that can never resolve). */
  baseUrl?: string;
};

export type ProductEventListener = (event: Record<string, unknown>) => void;

export interface JiraSite extends WireService {
  /** Forge-shaped product events, one call per event, after the change is written. Returns an unsubscribe. */
  onEvent(listener: ProductEventListener): () => void;
  /** Scale mode: adds `count` issues to `project` without events; returns how many were added. */
  generate(options: GenerateOptions): number;
  /**
   * Test setup: puts an issue on the site under its own key and values, creating its project, type, status and
   * people as needed, with no history and no event. Throws when the site cannot hold a value (decision 0011).
   */
  importIssue(issue: ImportIssue): { id: string; key: string };
  /** The seeded people (not the app's account). */
  users(): readonly { accountId: string; displayName: string; admin: boolean }[];
}

const ROUTES: readonly Route[] = [
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', handler: getIssue },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}', handler: editIssue },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}', handler: deleteIssue },
  { method: 'POST', template: '/rest/api/3/issue', handler: createIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/comment', handler: getComments },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/comment', handler: addComment },
  { method: 'GET', template: '/rest/api/3/comment/{commentId}/properties/{propertyKey}', handler: getCommentProperty },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: getTransitions },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: doTransition },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/assignee', handler: assignIssue },
  { method: 'GET', template: '/rest/api/3/search/jql', handler: searchGet },
  { method: 'POST', template: '/rest/api/3/search/jql', handler: searchPost },
  { method: 'POST', template: '/rest/api/3/search/approximate-count', handler: countPost },
  { method: 'GET', template: '/rest/api/3/project/search', handler: searchProjects },
  { method: 'GET', template: '/rest/api/3/field', handler: getFields },
  { method: 'GET', template: '/rest/api/3/myself', handler: getMyself },
  { method: 'GET', template: '/rest/api/3/mypermissions', handler: getMyPermissions },
];

export function createJiraSite(options: JiraSiteOptions): JiraSite {
  const seed = options.seed ?? 1;
  const state = new SiteState(siteUsers(options), options.data === 'bare' ? [] : undefined);
  const listeners = new Set<ProductEventListener>();
  const site: Site = {
    state,
    clock: options.clock,
    baseUrl: options.baseUrl ?? 'https://ruleforge-local.invalid',
    appAccountId: options.appAccountId,
    emit(event) {
      for (const listener of listeners) {
        try {
          // Each listener gets its own copy: what one does to the payload must not reach the next or the site.
          listener(structuredClone(event));
        } catch (error) {
          console.error('jira site: a product-event listener threw', error);
        }
      }
    },
  };
  if ((options.data ?? 'demo') === 'demo') seedDemo(state, options.clock.now(), seed);
  const route = createRouter(ROUTES);

  return {
    async handle(request: WireRequest, caller: Caller): Promise<WireResponse> {
      const url = new URL(request.path, 'http://jira.local');
      const method = request.method.toUpperCase();
      const match = route(method, url.pathname);
      if (match.kind === 'not-found') return jsonResponse(404, { errorMessages: [`No REST resource answers ${method} ${url.pathname} on this simulated Jira site.`], errors: {} });
      if (match.kind === 'method-not-allowed') return { status: 405, headers: { allow: match.allow.join(', ') } };
      const actor = actingUser(state, request, caller, options.appAccountId);
      if (!actor) return jsonResponse(401, { errorMessages: [MESSAGES.unauthenticated], errors: {} });
      const context: RequestContext = { site, actor, method, params: match.params, query: url.searchParams, body: request.body };
      try {
        return await match.route.handler(context);
      } catch (error) {
        if (error instanceof JiraError) return error.response();
        throw error;
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    importIssue(issue) {
      return importIssue(site, issue);
    },
    generate(generate) {
      return generateIssues(state, options.clock.now(), seed, generate);
    },
    users() {
      return [...state.users.values()]
        .filter((user) => user.accountType === 'atlassian')
        .map((user) => ({ accountId: user.accountId, displayName: user.displayName, admin: user.admin }));
    },
  };
}

/**
 * asApp() acts as the app's account; asUser(id) as that user, and an account the site does not know is not
 * authenticated (401); a plain requestJira acts for the invocation's user, else as the app.
 */
function actingUser(state: SiteState, request: WireRequest, caller: Caller, appAccountId: string): User | undefined {
  const provider = request.headers['x-forge-provider'] ?? 'none';
  const accountId = provider === 'app'
    ? appAccountId
    : provider === 'user'
      ? (request.headers['x-forge-account-id'] ?? caller.accountId)
      : (caller.accountId ?? appAccountId);
  const user = accountId === undefined ? undefined : state.users.get(accountId);
  return user?.active === true ? user : undefined;
}
