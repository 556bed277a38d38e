/**
 * The Jira calls the app makes, as a port: the executor and the schedule runner depend on this, the Forge adapter
 * (adapters/forge/jira-client.ts) implements it with requestJira as the app. Jira's answers that a caller must act
 * on are data, not exceptions: a failure says whether retrying can help and, for 429, when.
 */

/** An issue as the REST API returns it, holding only the fields that were asked for. */
export type JiraIssue = { id: string; key: string; fields: Record<string, unknown> };

/** An Atlassian Document Format document (comment bodies in REST v3). */
export type AdfDocument = { type: 'doc'; version: 1; content: unknown[] };

/** Jira's update verbs: `labels: [{add: "x"}, {remove: "y"}]`, `summary: [{set: "…"}]`. */
export type UpdateOperation = { add: unknown } | { remove: unknown } | { set: unknown };

export type IssueEdit = { fields?: Record<string, unknown>; update?: Record<string, UpdateOperation[]> };

export type IssueComment = { id: string; authorAccountId: string | null; body: unknown; created: string };

/** A Jira entity property (schema EntityProperty): key at most 255 characters, value any JSON up to 32 KB. */
export type EntityProperty = { key: string; value: unknown };

export type Transition = { id: string; name: string; to: { id: string; name: string } };

export type SearchQuery = {
  jql: string;
  /** Only these fields come back; the rule engine asks for the fields a rule reads. */
  fields: readonly string[];
  /** Jira caps a page at 100 when fields are asked for; the site and Jira may return fewer. */
  maxResults?: number;
  nextPageToken?: string;
};

export type SearchPage = { issues: JiraIssue[]; nextPageToken?: string };

/**
 * Why Jira said no. `status` 0 means no HTTP answer at all (the request failed in transit). `retryable`: 429, 5xx
 * and transit failures may succeed later; 4xx never will. `retryAfterSeconds` is Jira's Retry-After, when given.
 */
export type JiraFailure = {
  status: number;
  retryable: boolean;
  retryAfterSeconds?: number;
  /** Jira's errorMessages and field errors, joined into one line an admin can read. */
  message: string;
  errors: Record<string, string>;
};

export type JiraResult<T> = { ok: true; value: T } | { ok: false; failure: JiraFailure };

export interface JiraPort {
  getIssue(issueKey: string, fields: readonly string[]): Promise<JiraResult<JiraIssue>>;
  editIssue(issueKey: string, edit: IssueEdit): Promise<JiraResult<null>>;
  /** `properties` are stored on the comment in the same request (Comment.properties), so they exist with it or not at all. */
  addComment(issueKey: string, body: AdfDocument, properties?: readonly EntityProperty[]): Promise<JiraResult<{ id: string }>>;
  /** The newest comments first, at most `maxResults` (default 50). */
  listComments(issueKey: string, options?: { maxResults?: number }): Promise<JiraResult<IssueComment[]>>;
  /**
   * A comment's entity property (GET /comment/{id}/properties/{key}). `null` when Jira answers 404: the comment has no
   * such property, or the comment is gone or not visible (Jira does not say which; to a reader it is not there).
   */
  getCommentProperty(commentId: string, propertyKey: string): Promise<JiraResult<EntityProperty | null>>;
  getTransitions(issueKey: string): Promise<JiraResult<Transition[]>>;
  transitionIssue(issueKey: string, transitionId: string): Promise<JiraResult<null>>;
  /** `null` unassigns. */
  assignIssue(issueKey: string, accountId: string | null): Promise<JiraResult<null>>;
  searchJql(query: SearchQuery): Promise<JiraResult<SearchPage>>;
  /**
   * How many issues the JQL finds (POST /search/approximate-count). Jira's figure is an estimate that may lag recent
   * writes: use it for progress only, never for correctness (paging decides which issues there are and when a run ends).
   */
  countIssues(jql: string): Promise<JiraResult<number>>;
}

/** Whether a status is worth retrying: rate limits and server errors pass, client errors do not. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/** Jira's ErrorCollection {errorMessages, errors} as a failure, read defensively: a proxy's 502 may be HTML. */
export function failureOf(status: number, retryAfter: string | null, text: string): JiraFailure {
  let messages: string[] = [];
  let errors: Record<string, string> = {};
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown };
    if (Array.isArray(body.errorMessages)) messages = body.errorMessages.filter((m): m is string => typeof m === 'string');
    if (body.errors !== null && typeof body.errors === 'object') {
      errors = Object.fromEntries(Object.entries(body.errors).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
  } catch {
    // Not JSON: the status alone tells the caller what to do.
  }
  const parts = [...messages, ...Object.entries(errors).map(([field, message]) => `${field}: ${message}`)];
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  return {
    status,
    retryable: isRetryableStatus(status),
    ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterSeconds: seconds } : {}),
    message: parts.length > 0 ? parts.join('; ') : `Jira answered ${String(status)}`,
    errors,
  };
}

/** Jira answers 404 both for a comment without the property and for a comment that is gone: either way, not there. */
export function absentOn404<T>(result: JiraResult<T>): JiraResult<T | null> {
  return !result.ok && result.failure.status === 404 ? { ok: true, value: null } : result;
}
