import { randomUUID } from 'node:crypto';
import { compileRule, gate, planRun, type Decision, type JsonValue, type PlannedAction, type RuleTrace, type RunError, type RunInput } from '../../core/engine/index.js';
import { fieldsRead } from '../../core/engine/fields-read.js';
import type { Rule } from '../../core/rule/rule-schema.js';
import type { AppDeps } from '../deps.js';
import { executionRef, type ExecutionRecord } from '../executions/execution-record.js';
import { ttlFor } from '../settings/retention-now.js';
import { carryOut } from '../run/carry-out.js';
import { claimRun, freshClaim } from '../run/claim.js';
import { fingerprintOf } from '../run/fingerprint.js';
import { newRun } from './new-run.js';
import { describePlanned } from '../../core/engine/describe-planned.js';
import { compactTime, runRef, type ScheduledRun } from './run-record.js';

export type ManualFailure = { ok: false; code: 'JQL_REQUIRED' | 'ISSUE_UNAVAILABLE' | 'RULE_INVALID'; message: string };

export type IssueRunResult = {
  ruleId: string;
  ruleVersion: number | null;
  issueKey: string;
  dryRun: boolean;
  decision: Decision;
  let: Record<string, JsonValue>;
  /** The actions with every parameter evaluated: what ran, or what would have. */
  actions: (PlannedAction & { summary: string })[];
  trace: RuleTrace | null;
  error: RunError | null;
  /** The execution record written for this run (none for a document that was never saved). */
  executionId: string | null;
  /** A live run's outcome: the execution's status, or `waiting` when a retry was queued. */
  status: string | null;
};

/**
 * Runs a rule now on one issue, as the admin asked: any trigger type, enabled or not (a manual run fires every rule,
 * decision 0006). Dry: nothing is written to Jira; the decision, `let` values, planned actions and trace come back,
 * and a DRY_RUN execution records it for a saved rule. Live: the plan is carried out as the app, exactly once, like
 * any run (a transient failure continues from the queue).
 */
export async function runOnIssue(
  deps: AppDeps,
  input: { document: Rule; ruleVersion: number | null; issueKey: string; dryRun: boolean; actor: string },
): Promise<IssueRunResult | ManualFailure> {
  const { document, issueKey } = input;
  const read = fieldsRead(document);
  const fields = read.all ? ['*navigable'] : read.fields.length > 0 ? read.fields : ['project'];
  const fetched = await deps.jira.getIssue(issueKey, fields);
  if (!fetched.ok) return { ok: false, code: 'ISSUE_UNAVAILABLE', message: `Jira could not give issue ${issueKey} (HTTP ${String(fetched.failure.status)}): ${fetched.failure.message}` };
  const compiled = compileRule(deps.logic, document, input.ruleVersion ?? 0, { fingerprint: fingerprintOf(document) });
  if (!compiled.ok) return { ok: false, code: 'RULE_INVALID', message: 'The rule does not compile; validate it first.' };
  const now = deps.now();
  const runInput: RunInput = { kind: 'manual', now, issue: fetched.value };
  const gated = gate(compiled.rule, runInput);
  const plan = gated === undefined ? planRun(compiled.rule, runInput, { trace: true }) : { decision: gated, let: {}, actions: [], trace: undefined, error: undefined };
  const base = {
    ruleId: document.id, ruleVersion: input.ruleVersion, issueKey: fetched.value.key, dryRun: input.dryRun, decision: plan.decision,
    let: plan.let, actions: plan.actions.map((action) => ({ ...action, summary: describePlanned(action) })), trace: plan.trace ?? null, error: plan.error ?? null,
  };
  const executionId = `${document.id}.m${compactTime(new Date(now).toISOString())}${randomUUID().slice(0, 6)}.${fetched.value.key}`;
  if (input.dryRun || (plan.decision !== 'matched' && plan.decision !== 'failed')) {
    if (input.ruleVersion === null || !input.dryRun) return { ...base, executionId: null, status: null };
    await deps.storage.set(executionRef(executionId), dryRunRecord(base, executionId, now, input.actor), await ttlFor(deps.storage, 'execution'));
    return { ...base, executionId, status: 'DRY_RUN' };
  }
  const claim = freshClaim({
    ruleId: document.id, ruleVersion: input.ruleVersion ?? 0, executionId, issueKey: fetched.value.key,
    trigger: { kind: 'manual', runId: executionId, dueAt: new Date(now).toISOString(), requestedBy: input.actor },
    plan: { decision: plan.decision, actions: plan.actions, let: plan.let, ...(plan.error === undefined ? {} : { error: plan.error }) },
    trace: plan.trace ?? null,
  }, now);
  const claimed = await claimRun(deps.storage, executionId, claim, now);
  if (claimed.kind !== 'claimed') return { ...base, executionId, status: 'in-progress' };
  const result = await carryOut(deps, executionId, claimed.claim);
  return { ...base, executionId, status: result.state === 'done' ? result.status : 'waiting' };
}

function dryRunRecord(result: Omit<IssueRunResult, 'executionId' | 'status'>, executionId: string, now: number, actor: string): ExecutionRecord {
  return {
    executionId, ruleId: result.ruleId, ruleVersion: result.ruleVersion ?? 0, status: 'DRY_RUN', issueKey: result.issueKey,
    startedAt: new Date(now).toISOString(), durationMs: 0, trigger: { kind: 'manual', requestedBy: actor, decision: result.decision },
    actions: result.actions.map((action) => ({ type: action.type, status: 'not-run', detail: `would ${action.summary}` })),
    trace: result.trace, error: result.error, letValues: result.let, attempts: 0, dryRun: true,
  };
}

/**
 * Starts a run of a saved rule over a JQL set: the rule's own search for a schedule rule, or the one given (a manual
 * rule has none of its own). It pages, evaluates and acts exactly like a scheduled run; dry, it stops after paging
 * and its batches list what would change.
 */
export async function startJqlRun(
  deps: AppDeps,
  input: { ruleId: string; ruleVersion: number; document: Rule; jql?: string; dryRun: boolean; maxIssues?: number; actor: string },
): Promise<ScheduledRun | ManualFailure> {
  const { trigger } = input.document;
  const jql = input.jql ?? (trigger.type === 'schedule' ? trigger.jql : undefined);
  if (jql === undefined || jql.trim() === '') return { ok: false, code: 'JQL_REQUIRED', message: 'This rule has no JQL of its own: give the search to run it over.' };
  const now = deps.now();
  const at = new Date(now).toISOString();
  const run = newRun({
    runId: `${input.ruleId}.m${compactTime(new Date(now).toISOString())}${randomUUID().slice(0, 6)}`, ruleId: input.ruleId, ruleVersion: input.ruleVersion, document: input.document,
    kind: 'manual', dryRun: input.dryRun, jql, dueAt: at, firedAt: at, requestedBy: input.actor, ...(input.maxIssues === undefined ? {} : { maxIssues: input.maxIssues }),
  });
  await deps.storage.set(runRef(run.runId), run, await ttlFor(deps.storage, 'run'));
  await deps.queue.push([{ body: { kind: 'run-page', runId: run.runId, step: 0 } }]);
  return run;
}
