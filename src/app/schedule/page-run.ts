import { performance } from 'node:perf_hooks';
import { compileRule, gate, planRun, type CompiledRule, type RunInput } from '../../core/engine/index.js';
import type { Rule } from '../../core/rule/rule-schema.js';
import type { JiraIssue } from '../../ports/jira.js';
import type { AppDeps } from '../deps.js';
import { parseStored, versionRef, type StoredVersion } from '../rules/rule-records.js';
import { fingerprintOf } from '../run/fingerprint.js';
import { MAX_ATTEMPTS, retryDelaySeconds } from '../run/work-message.js';
import { dispatchRun } from './dispatch.js';
import { ttlFor } from '../settings/retention-now.js';
import { commitRun, finishRun, type RunStepOutcome } from './progress.js';
import { batchRef, batchTtl, runRef, type BatchItem, type RunBatch, type ScheduledRun } from './run-record.js';

/**
 * Asked for no fields, /search/jql answers bare ids, without keys; a rule that reads no field still needs each
 * issue's key to act on it, so it asks for the key alone.
 */
const KEY_ONLY = ['issuekey'];

/** Jira returns at most 100 issues a page when fields are asked for. */
const PAGE_SIZE = 100;
/**
 * A paging invocation hands over to a new queue event after this many pages or this much wall time, whichever
 * comes first: the work consumer may run 120 s, and a page costs a search (~300 ms on a large site) plus a write.
 */
export type PagingBudget = { pages: number; wallMs: number };
export const PAGING_BUDGET: PagingBudget = { pages: 100, wallMs: 60_000 };
/** Items per act job, and bytes per stored batch (Forge values are capped at 240 KiB). */
const BATCH_ITEMS = 50;
const BATCH_BYTES = 180 * 1024;

/**
 * One paging invocation of a run over a JQL set: reads pages through /search/jql with nextPageToken, asking only
 * for the fields the rule reads, evaluates each issue (pure core) and stores the matched ones' plans as batches.
 * Nothing is carried out while paging: actions change issues, and changed issues can move in or out of the search
 * under a paging client, so the set is read first and acted on after. Holds one page in memory at a time.
 */
export async function pageRun(deps: AppDeps, runId: string, step: number, budget: PagingBudget = PAGING_BUDGET): Promise<RunStepOutcome> {
  const startedAt = performance.now();
  const stored = await deps.storage.get<ScheduledRun>(runRef(runId));
  if (stored === undefined) return { runId, state: 'gone' };
  let run = stored;
  // Paging finished but its first dispatch failed (a refused push): a redelivered page message dispatches.
  if (run.phase === 'acting' && run.dispatched === 0) return dispatchRun(deps, run);
  // Another delivery of this message, or an older one, already moved the run on.
  if ((run.phase !== 'queued' && run.phase !== 'paging') || run.pages !== step) return { runId, state: 'stale' };
  const document = await loadVersion(deps, run);
  if (document === undefined) return finishRun(deps, run, { code: 'RULE_VERSION_GONE', message: `Version ${String(run.ruleVersion)} of rule ${run.ruleId} no longer exists.` });
  const compiled = compileRule(deps.logic, document, run.ruleVersion, { fingerprint: fingerprintOf(document) });
  if (!compiled.ok) return finishRun(deps, run, { code: 'RULE_INVALID', message: 'The rule version does not compile.' });
  if (run.phase === 'queued') run = { ...run, phase: 'paging', status: 'RUNNING', startedAt: new Date(deps.now()).toISOString(), expected: await expectedCount(deps, run) };

  for (let pages = 0; ; pages++) {
    if (pages >= budget.pages || performance.now() - startedAt > budget.wallMs) {
      const saved = await commitRun(deps.storage, { ...run, updatedAt: new Date(deps.now()).toISOString() });
      if (saved === undefined) return { runId, state: 'stale' };
      await deps.queue.push([{ body: { kind: 'run-page', runId, step: saved.pages } }]);
      return { runId, state: 'paging', run: saved };
    }
    const result = await deps.jira.searchJql({
      jql: run.jql, fields: run.fields.length > 0 ? run.fields : KEY_ONLY, maxResults: Math.min(PAGE_SIZE, run.maxIssues - run.seen), ...(run.nextPageToken === null ? {} : { nextPageToken: run.nextPageToken }),
    });
    if (!result.ok) {
      const { failure } = result;
      if (!failure.retryable || run.retries + 1 >= MAX_ATTEMPTS) {
        return finishRun(deps, run, { code: failure.retryable ? 'JIRA_UNAVAILABLE' : 'SEARCH_REFUSED', message: `Jira refused the search (HTTP ${String(failure.status)}): ${failure.message}` });
      }
      const saved = await commitRun(deps.storage, { ...run, retries: run.retries + 1, updatedAt: new Date(deps.now()).toISOString() });
      if (saved === undefined) return { runId, state: 'stale' };
      const delayInSeconds = retryDelaySeconds(saved.retries, failure.retryAfterSeconds);
      await deps.queue.push([{ body: { kind: 'run-page', runId, step: saved.pages }, delayInSeconds }]);
      return { runId, state: 'waiting', run: saved };
    }
    const { issues, nextPageToken } = result.value;
    const batches = toBatches(evaluatePage(compiled.rule, run, issues));
    const ttl = batchTtl(await ttlFor(deps.storage, 'run'));
    await Promise.all(batches.map((items, k) => {
      const batch: RunBatch = { runId, batchNo: run.batches + k, state: 'pending', items, acted: 0, failed: 0, doneAt: null };
      return deps.storage.set(batchRef(runId, batch.batchNo), batch, ttl);
    }));
    run = {
      ...run,
      seen: run.seen + issues.length,
      matched: run.matched + batches.reduce((sum, items) => sum + items.length, 0),
      pages: run.pages + 1,
      batches: run.batches + batches.length,
      nextPageToken: nextPageToken ?? null,
      retries: 0,
      updatedAt: new Date(deps.now()).toISOString(),
    };
    if (nextPageToken === undefined || run.seen >= run.maxIssues) {
      run = { ...run, capped: nextPageToken !== undefined, nextPageToken: null };
      break;
    }
  }
  if (run.dryRun || run.batches === 0) return finishRun(deps, run, null);
  const acting = await commitRun(deps.storage, { ...run, phase: 'acting' });
  if (acting === undefined) return { runId, state: 'stale' };
  return dispatchRun(deps, acting);
}

async function loadVersion(deps: AppDeps, run: ScheduledRun): Promise<Rule | undefined> {
  const stored = await deps.storage.get<StoredVersion>(versionRef(run.ruleId, run.ruleVersion));
  return stored === undefined ? undefined : parseStored(stored).document;
}

/** Jira's approximate count, capped at maxIssues; only a progress bar depends on it, so a failure leaves it unknown. */
async function expectedCount(deps: AppDeps, run: ScheduledRun): Promise<number | null> {
  const counted = await deps.jira.countIssues(run.jql).catch(() => undefined);
  return counted?.ok === true ? Math.min(counted.value, run.maxIssues) : null;
}

/**
 * Each issue through the pure core, as of the run's own `now` (the tick's time: every issue of a run sees the same
 * instant). Out-of-scope and non-matching issues are only counted; matched and failed ones keep their plan and trace.
 */
function evaluatePage(rule: CompiledRule, run: ScheduledRun, issues: readonly JiraIssue[]): BatchItem[] {
  const now = Date.parse(run.firedAt);
  const items: BatchItem[] = [];
  for (const issue of issues) {
    const input: RunInput = run.kind === 'schedule'
      ? { kind: 'schedule', now, issue, schedule: { dueAt: run.dueAt, firedAt: run.firedAt } }
      : { kind: 'manual', now, issue };
    if (gate(rule, input) !== undefined) continue;
    const quick = planRun(rule, input);
    if (quick.decision !== 'matched' && quick.decision !== 'failed') continue;
    const plan = planRun(rule, input, { trace: true });
    const decision = plan.decision === 'failed' ? 'failed' : 'matched';
    items.push({ issueKey: issue.key, plan: { decision, actions: plan.actions, let: plan.let, ...(plan.error === undefined ? {} : { error: plan.error }) }, trace: plan.trace ?? null });
  }
  return items;
}

function toBatches(items: readonly BatchItem[]): BatchItem[][] {
  const batches: BatchItem[][] = [];
  let current: BatchItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (current.length > 0 && (current.length >= BATCH_ITEMS || bytes + size > BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
