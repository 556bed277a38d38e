import type { PlannedAction } from '../../core/engine/index.js';
import type { EntityProperty, JiraFailure, JiraResult } from '../../ports/jira.js';
import type { AppDeps } from '../deps.js';
import { ttlFor } from '../settings/retention-now.js';
import { plainTextToAdf, sameAdf } from './adf.js';
import { digest } from './event-identity.js';

export type ActionError = { code: string; message: string; status?: number };

/** What one action did. `retry`: a transient failure (429, 5xx); the run is continued later from this action. */
export type ActionResult =
  | { status: 'done'; detail?: string }
  | { status: 'failed'; error: ActionError }
  | { status: 'retry'; error: ActionError; retryAfterSeconds?: number };

export type ActionContext = {
  issueKey: string;
  ruleId: string;
  executionId: string;
  index: number;
  /** ISO time the run started; results and reconciliation use it. */
  startedAt: string;
  /** This action may already have been performed by an earlier attempt that did not live to record it. */
  maybeDone: boolean;
};

/**
 * Performs one planned action as the app. Every Jira write here is idempotent except a comment, so an action
 * repeated after a crash changes nothing twice; a comment that may already exist is looked for first.
 */
export async function performAction(deps: AppDeps, ctx: ActionContext, action: PlannedAction): Promise<ActionResult> {
  const { jira } = deps;
  switch (action.type) {
    case 'comment': {
      const body = plainTextToAdf(action.body);
      const marker = runMarker(ctx);
      if (ctx.maybeDone) {
        const found = await alreadyCommented(deps, ctx, body, marker);
        if (found !== undefined) return found;
      }
      return outcome(await jira.addComment(ctx.issueKey, body, [marker]), (c) => `comment ${c.id}`);
    }
    case 'setField':
      return outcome(await jira.editIssue(ctx.issueKey, { fields: { [action.field]: action.value } }), () => `${action.field} set`);
    case 'addLabels':
      return outcome(await jira.editIssue(ctx.issueKey, { update: { labels: action.labels.map((label) => ({ add: label })) } }), () => `added ${action.labels.join(', ')}`);
    case 'removeLabels':
      return outcome(await jira.editIssue(ctx.issueKey, { update: { labels: action.labels.map((label) => ({ remove: label })) } }), () => `removed ${action.labels.join(', ')}`);
    case 'assign':
      return outcome(await jira.assignIssue(ctx.issueKey, action.accountId), () => (action.accountId === null ? 'unassigned' : `assigned to ${action.accountId}`));
    case 'transition':
      return transition(deps, ctx, action.to);
    case 'record':
      await deps.storage.set(
        { entity: 'rule-result', key: `${ctx.executionId}#${String(ctx.index)}` },
        { ruleId: ctx.ruleId, executionId: ctx.executionId, name: action.name, issueKey: ctx.issueKey, recordedAt: ctx.startedAt, value: action.value },
        await ttlFor(deps.storage, 'result'),
      );
      return { status: 'done', detail: `recorded ${action.name}` };
  }
}

/** `to` is a status name (any case), a transition name, or a transition id, as the spec allows. */
async function transition(deps: AppDeps, ctx: ActionContext, to: string): Promise<ActionResult> {
  const listed = await deps.jira.getTransitions(ctx.issueKey);
  if (!listed.ok) return failure(listed.failure);
  const wanted = to.trim().toLowerCase();
  const match = listed.value.find((t) => t.id === to) ?? listed.value.find((t) => t.to.name.toLowerCase() === wanted) ?? listed.value.find((t) => t.name.toLowerCase() === wanted);
  if (match === undefined) {
    // Already there (a repeated run, or someone was faster) is success: the issue is where the rule wants it.
    const issue = await deps.jira.getIssue(ctx.issueKey, ['status']);
    if (!issue.ok) return failure(issue.failure);
    const current = (issue.value.fields['status'] as { name?: unknown; id?: unknown } | null | undefined) ?? {};
    if (String(current.name).toLowerCase() === wanted || current.id === to) return { status: 'done', detail: `already in ${String(current.name)}` };
    const names = listed.value.map((t) => t.to.name).join(', ') || 'none';
    return { status: 'failed', error: { code: 'TRANSITION_NOT_AVAILABLE', message: `No transition to "${to}" from ${String(current.name)} (available: ${names})` } };
  }
  return outcome(await deps.jira.transitionIssue(ctx.issueKey, match.id), () => `moved to ${match.to.name}`);
}

/** The comment property naming the run and action that posted a comment. */
export const RUN_PROPERTY_KEY = 'ruleforge.run';

/**
 * The run is named by a digest of its execution id: a scheduled run's id holds the rule id and the issue key, and a
 * property is readable by anyone who can browse the issue. Equal digests mean the same run, which is all we ask.
 */
export function runMarker(ctx: Pick<ActionContext, 'executionId' | 'index'>): EntityProperty & { value: RunMark } {
  return { key: RUN_PROPERTY_KEY, value: { run: digest(ctx.executionId).slice(0, 40), action: ctx.index } };
}

type RunMark = { run: string; action: number };

/**
 * The comment an earlier attempt of this very action posted, if Jira has it. Same body, by the app, since the run
 * began narrows it to a few candidates (another run may post the same text on the same issue); the property set with
 * the comment tells whose it is. A comment without our property is not ours, however alike.
 */
async function alreadyCommented(deps: AppDeps, ctx: ActionContext, body: unknown, marker: EntityProperty & { value: RunMark }): Promise<ActionResult | undefined> {
  const listed = await deps.jira.listComments(ctx.issueKey, { maxResults: 50 });
  if (!listed.ok) return failure(listed.failure);
  const since = Date.parse(ctx.startedAt);
  const candidates = listed.value.filter(
    (c) => (deps.appAccountId === undefined || c.authorAccountId === deps.appAccountId) && !(Date.parse(c.created) < since - 1000) && sameAdf(c.body, body),
  );
  for (const candidate of candidates) {
    const read = await deps.jira.getCommentProperty(candidate.id, marker.key);
    if (!read.ok) return failure(read.failure);
    if (read.value !== null && sameMarker(read.value.value, marker.value)) return { status: 'done', detail: `comment ${candidate.id} (found after a retry)` };
  }
  return undefined;
}

function sameMarker(found: unknown, wanted: RunMark): boolean {
  const mark = found as Partial<Record<keyof RunMark, unknown>> | null;
  return typeof mark === 'object' && mark !== null && mark.run === wanted.run && mark.action === wanted.action;
}

function outcome<T>(result: JiraResult<T>, detail: (value: T) => string): ActionResult {
  return result.ok ? { status: 'done', detail: detail(result.value) } : failure(result.failure);
}

export function failure(f: JiraFailure): ActionResult {
  const error = { code: f.status === 0 ? 'JIRA_UNREACHABLE' : `JIRA_${String(f.status)}`, message: f.message, status: f.status };
  if (!f.retryable) return { status: 'failed', error };
  return f.retryAfterSeconds === undefined ? { status: 'retry', error } : { status: 'retry', error, retryAfterSeconds: f.retryAfterSeconds };
}
