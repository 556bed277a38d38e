import { compileRule, gate, planRun, type CompiledRule, type CompileRuleResult, type PlanResult, type RunError, type RunInput } from '../../core/engine/index.js';
import { fieldsRead, type FieldsRead } from '../../core/engine/fields-read.js';
import type { Rule } from '../../core/rule/rule-schema.js';
import { parseJiraEvent, type JiraEvent } from '../../core/event/jira-event-payload.js';
import { TransientError } from '../../ports/errors.js';
import type { AppDeps } from '../deps.js';
import { recordRejectedEvent } from '../executions/rejected-event.js';
import type { ActiveRule, RuleSource } from './rule-source.js';
import { eventIdentity, runKey } from './event-identity.js';
import { startRun, type RunOutcome } from './start-run.js';
import { claimRef, type Claim } from './claim.js';
import { hourOf } from './counters.js';
import { tallyNotMatched } from './match-tally.js';
import { fingerprintOf } from './fingerprint.js';
import { MAX_ATTEMPTS, retryDelaySeconds, type WorkMessage } from './work-message.js';

export type RuleOutcome = { ruleId: string; version: number; outcome: RunOutcome | 'not-matched' };

export type HandleEventResult =
  | { accepted: false; code: 'MALFORMED_EVENT'; issues: number; recorded: boolean }
  | { accepted: true; eventType: string; issueKey: string; candidates: number; outcomes: RuleOutcome[]; retryInSeconds?: number };

const DELETED = 'avi:jira:deleted:issue';

/**
 * A Jira event, end to end: the active rules for its type (one storage read), trigger and scope, the issue fields
 * the candidates read that the event does not carry (one Jira read, only those fields), then each rule's plan and,
 * for a match, its run. Never throws for a bad event: it is recorded as rejected where the admin page shows it.
 */
export async function handleJiraEvent(deps: AppDeps, rules: RuleSource, payload: unknown, attempt = 0): Promise<HandleEventResult> {
  const parsed = parseJiraEvent(payload);
  if (!parsed.ok) {
    // Acknowledged even when the record cannot be written: a malformed event stays malformed on every redelivery.
    const recorded = await recordRejectedEvent(deps, payload, parsed.issues).then(() => true, () => false);
    return { accepted: false, code: 'MALFORMED_EVENT', issues: parsed.issues.length, recorded };
  }
  try {
    return await decideAndRun(deps, rules, parsed.event, attempt);
  } catch (error) {
    // Forge redelivers a failed event at most 4 times, which a Jira 429 storm can outlast: our queue waits longer.
    if (!(error instanceof TransientError) || attempt + 1 >= MAX_ATTEMPTS) throw error;
    const delayInSeconds = retryDelaySeconds(attempt + 1, error.retryAfterSeconds);
    const message: WorkMessage = { kind: 'retry-event', event: payload, attempt: attempt + 1 };
    await deps.queue.push([{ body: message, delayInSeconds }]);
    return { accepted: true, eventType: parsed.event.eventType, issueKey: parsed.event.issue.key, candidates: 0, outcomes: [], retryInSeconds: delayInSeconds };
  }
}

async function decideAndRun(deps: AppDeps, rules: RuleSource, event: JiraEvent, attempt: number): Promise<HandleEventResult> {
  const now = deps.now();
  const candidates: { rule: ActiveRule; compiled: CompileRuleResult }[] = [];
  for (const rule of await rules.rulesFor(event.eventType)) {
    if (gate(rule.document, { kind: 'event', now, event }) !== undefined) continue;
    // A saved version was validated and should compile; one that does not (a validator and compiler that disagree)
    // runs as a failed execution with the compiler's reason, where the admin sees it, instead of never running.
    candidates.push({ rule, compiled: compileRule(deps.logic, rule.document, rule.version, { fingerprint: fingerprintOf(rule.document) }) });
  }
  const outcomes: RuleOutcome[] = [];
  if (candidates.length === 0) return { accepted: true, eventType: event.eventType, issueKey: event.issue.key, candidates: 0, outcomes };

  const full = await withFieldsRead(deps, event, candidates.map((c) => c.rule));
  const identity = eventIdentity(event);
  const notMatched: string[] = [];
  const redelivered = attempt > 0 || isRedelivery(event);
  const unfinished: { rule: ActiveRule; key: string }[] = [];
  for (const { rule, compiled } of candidates) {
    const input = { kind: 'event' as const, now, event: full };
    // Most candidates do not match and leave no record: only a run that will be recorded pays for its trace.
    const plan = compiled.ok ? decide(compiled.rule, input) : notCompiled(compiled.error);
    if (plan.decision === 'not-matched') {
      // A run whose holder died after its own actions made its condition false decides "not matched" now: on a
      // redelivery, a claim left unfinished is carried on instead (decision 0012: retries never decide again).
      if (redelivered) unfinished.push({ rule, key: runKey(identity, rule.ruleId, rule.version) });
      else notMatched.push(rule.ruleId);
      outcomes.push({ ruleId: rule.ruleId, version: rule.version, outcome: 'not-matched' });
      continue;
    }
    if (plan.decision !== 'matched' && plan.decision !== 'failed') continue;
    const outcome = await startRun(deps, rules, {
      key: runKey(identity, rule.ruleId, rule.version),
      rule,
      issueKey: event.issue.key,
      trigger: { kind: 'event', eventType: event.eventType, actorAccountId: event.atlassianId ?? null, eventId: identity },
      plan: { decision: plan.decision, actions: plan.actions, let: plan.let, ...(plan.error === undefined ? {} : { error: plan.error }) },
      trace: plan.trace ?? null,
      now,
      redelivery: attempt > 0,
    });
    outcomes.push({ ruleId: rule.ruleId, version: rule.version, outcome });
  }
  if (unfinished.length > 0) {
    const resumed = await resumeUnfinished(deps, rules, unfinished, now);
    for (const [i, r] of outcomes.entries()) {
      const outcome = resumed.get(r.ruleId);
      if (outcome !== undefined) outcomes[i] = { ...r, outcome };
    }
  }
  // Our own retry of an event counted its non-matches the first time.
  // The tally only feeds charts: failing to write it (a rate limit, an item grown past Forge's value limit on a site
  // with thousands of rules) must not make a handled event look failed and be handled again.
  if (attempt === 0) await tallyNotMatched(deps.storage, hourOf(now), identity, notMatched).catch(() => undefined);
  return { accepted: true, eventType: event.eventType, issueKey: event.issue.key, candidates: candidates.length, outcomes };
}

function decide(compiled: CompiledRule, input: RunInput): PlanResult {
  const quick = planRun(compiled, input);
  return quick.decision === 'matched' || quick.decision === 'failed' ? planRun(compiled, input, { trace: true }) : quick;
}

function notCompiled(error: RunError): PlanResult {
  return { decision: 'failed', let: {}, actions: [], operations: 0, error };
}

/** One read for all the redelivery's non-matching candidates; only a claim left unfinished is taken up again. */
async function resumeUnfinished(deps: AppDeps, rules: RuleSource, runs: { rule: ActiveRule; key: string }[], now: number): Promise<Map<string, RunOutcome>> {
  const claims = await deps.storage.getMany<Claim>(runs.map((r) => claimRef(r.key)));
  const resumed = new Map<string, RunOutcome>();
  for (const [i, { rule, key }] of runs.entries()) {
    const claim = claims[i];
    if (claim === undefined || claim.state === 'done') continue;
    const { issueKey, trigger, plan, trace } = claim;
    resumed.set(rule.ruleId, await startRun(deps, rules, { key, rule, issueKey, trigger, plan, trace, now, redelivery: true }));
  }
  return resumed;
}

/** Forge marks its own redeliveries (after a timeout, a crash or a retry the handler asked for) with retryContext. */
function isRedelivery(event: JiraEvent): boolean {
  const context = (event as { retryContext?: unknown }).retryContext;
  return typeof context === 'object' && context !== null;
}

/**
 * The event's issue with the fields the rules read and the event lacks, read from Jira as the app: only those
 * fields (data minimisation). A deleted issue has nothing left to read. A transient failure throws (the delivery is
 * retried); a permanent one (the issue is gone or hidden) leaves the event's own fields, and the actions will say so.
 */
async function withFieldsRead(deps: AppDeps, event: JiraEvent, rules: ActiveRule[]): Promise<JiraEvent> {
  if (event.eventType === DELETED) return event;
  const wanted = new Set<string>();
  let all = false;
  for (const rule of rules) {
    const read = fieldsReadOf(rule.document);
    all ||= read.all;
    for (const field of read.fields) wanted.add(field);
  }
  const missing = all ? ['*navigable'] : [...wanted].filter((f) => !(f in event.issue.fields));
  if (missing.length === 0) return event;
  const fetched = await deps.jira.getIssue(event.issue.key, missing);
  if (!fetched.ok) {
    if (fetched.failure.retryable) throw transient(fetched.failure.message, fetched.failure.retryAfterSeconds);
    return event;
  }
  return { ...event, issue: { ...event.issue, fields: { ...fetched.value.fields, ...event.issue.fields } } };
}

function transient(message: string, retryAfterSeconds: number | undefined): TransientError {
  return new TransientError('JIRA_UNAVAILABLE', `reading the issue failed: ${message}`, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
}

// Snapshot documents are shared objects for as long as their generation is current: analyse each once.
const fieldsCache = new WeakMap<Rule, FieldsRead>();
function fieldsReadOf(document: Rule): FieldsRead {
  let read = fieldsCache.get(document);
  if (read === undefined) {
    read = fieldsRead(document);
    fieldsCache.set(document, read);
  }
  return read;
}
