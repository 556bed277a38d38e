/**
 * GET and POST /rest/api/3/search/jql: Jira's enhanced search. A bounded JQL query (at least one condition) over
 * the issues the user may browse, in the query's order; pages follow `nextPageToken`, which the last page leaves
 * out (JRACLOUD-92184) while `isLast` says true. Without `fields` an issue is just its id, as the endpoint's
 * OpenAPI description says ("By default, this resource returns IDs only").
 *
 * POST /rest/api/3/search/approximate-count: how many issues the same query finds, `{count}`. The enhanced search
 * gives no `total`, so this is the only denominator Jira offers. Jira's count is an estimate ("Recent updates might
 * not be immediately visible"): it may lag writes and differ from what paging returns. Here it is exact, so no
 * test can tell the lag apart from a bug; callers must still treat it as approximate.
 */
import { jsonResponse, type WireResponse } from '../../runtime/wire.js';
import { compileJql, MAX_ORDER_BY_FIELDS, UNBOUNDED_JQL_MESSAGE, type CompileResult, type JqlIssue } from '../jql/index.js';
import { objectBody, visibleProjects, type RequestContext } from './context.js';
import { fail, JiraError } from './errors.js';
import { selectFields } from './fields.js';
import type { Issue } from './model.js';
import { fingerprint, intParam, pageToken, readPageToken } from './paging.js';
import { issueJson } from './representation.js';

const DEFAULT_MAX_RESULTS = 50;
/** "It returns max 5000 issues" when only ids are asked for (OpenAPI); fewer per page with fields: 100 here. */
const MAX_ID_RESULTS = 5000;
const MAX_FIELD_RESULTS = 100;
const CACHED_SEARCHES = 16;

type SearchInput = { jql: string; nextPageToken: string | null; maxResults: number; fields: string[]; expand: string };
type Cached = { version: number; issues: Issue[] };

const caches = new WeakMap<object, Map<string, Cached>>();

export function searchGet(request: RequestContext): WireResponse {
  const { query } = request;
  return search(request, {
    jql: query.get('jql') ?? '',
    nextPageToken: query.get('nextPageToken'),
    maxResults: intParam(query, 'maxResults', DEFAULT_MAX_RESULTS, 1),
    fields: query.getAll('fields'),
    expand: query.get('expand') ?? '',
  });
}

export function searchPost(request: RequestContext): WireResponse {
  const body = objectBody(request);
  const { jql = '', nextPageToken = null, maxResults = DEFAULT_MAX_RESULTS, fields = [], expand = '' } = body;
  if (typeof jql !== 'string') fail(400, ["'jql' must be a string."]);
  if (nextPageToken !== null && typeof nextPageToken !== 'string') fail(400, ["'nextPageToken' must be a string."]);
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults)) fail(400, ["'maxResults' must be an integer."]);
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) fail(400, ["'fields' must be a list of strings."]);
  if (typeof expand !== 'string') fail(400, ["'expand' must be a comma-separated string."]);
  return search(request, { jql, nextPageToken, maxResults: Math.max(1, maxResults), fields, expand });
}

export function countPost(request: RequestContext): WireResponse {
  const { jql = '' } = objectBody(request);
  if (typeof jql !== 'string') fail(400, ["'jql' must be a string."]);
  return jsonResponse(200, { count: matching(request, compileQuery(request, jql)).length });
}

type Compiled = Extract<CompileResult, { ok: true }>;

/** The query as the acting user may run it, or Jira's 400: a JQL error, no search restriction, too long an ORDER BY. */
function compileQuery(request: RequestContext, jql: string): Compiled {
  const { site, actor } = request;
  const compiled = compileJql(jql, site.state.jqlContext(site.clock.now(), actor, visibleProjects(request)));
  if (!compiled.ok) throw new JiraError(400, compiled.error);
  if (compiled.query.where === null) fail(400, [UNBOUNDED_JQL_MESSAGE]);
  if (compiled.query.orderBy.length > MAX_ORDER_BY_FIELDS) {
    fail(400, [`The ORDER BY clause of this query names ${String(compiled.query.orderBy.length)} fields; at most ${String(MAX_ORDER_BY_FIELDS)} are allowed.`]);
  }
  return compiled;
}

/** The issues the query finds among those the acting user may browse, unordered. */
function matching(request: RequestContext, compiled: Compiled): { issue: Issue; view: JqlIssue }[] {
  const { state } = request.site;
  const visible = new Set(visibleProjects(request).map((project) => project.id));
  const found: { issue: Issue; view: JqlIssue }[] = [];
  for (const issue of state.issues) {
    if (!visible.has(issue.projectId)) continue;
    const view = state.jqlView(issue);
    if (compiled.matches(view)) found.push({ issue, view });
  }
  return found;
}

function search(request: RequestContext, input: SearchInput): WireResponse {
  const { site, actor } = request;
  const compiled = compileQuery(request, input.jql);
  const selection = selectFields(input.fields, 'id', site.state.fields);
  const pageSize = Math.min(input.maxResults, selection.idsOnly ? MAX_ID_RESULTS : MAX_FIELD_RESULTS);
  const queryPrint = fingerprint(actor.accountId, input.jql);
  const offset = input.nextPageToken === null ? 0 : readPageToken(input.nextPageToken, queryPrint);

  let cache = caches.get(site);
  if (!cache) caches.set(site, (cache = new Map<string, Cached>()));
  let found = input.nextPageToken === null ? undefined : cache.get(queryPrint);
  if (!found || found.version !== site.state.version) {
    const views = matching(request, compiled);
    views.sort((a, b) => compiled.compare(a.view, b.view));
    found = { version: site.state.version, issues: views.map(({ issue }) => issue) };
    cache.delete(queryPrint);
    cache.set(queryPrint, found);
    if (cache.size > CACHED_SEARCHES) cache.delete(cache.keys().next().value as string);
  }

  const page = found.issues.slice(offset, offset + pageSize);
  const more = offset + pageSize < found.issues.length;
  const names = !selection.idsOnly && input.expand.split(',').some((part) => part.trim() === 'names');
  const response: Record<string, unknown> = {
    issues: page.map((issue) => (selection.idsOnly ? { id: issue.id } : issueJson(site, issue, selection.fields))),
    ...(more ? { nextPageToken: pageToken(offset + pageSize, queryPrint) } : {}),
    isLast: !more,
  };
  if (names) {
    response.names = Object.fromEntries(selection.fields.map((id) => [id, site.state.fields.find((f) => f.id === id)?.name ?? id]));
  }
  return jsonResponse(200, response);
}
