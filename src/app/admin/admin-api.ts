import { RESOLVER_KEYS, resolverPayloads, type ResolverKey, type ResolverResponse, type ResolverResults } from '../../contract/resolver-contract.js';
import { ruleStats, statDays } from '../executions/rule-stats.js';
import { bundleIssues, exportRules } from '../rules/rule-bundle.js';
import type { SaveOutcome } from '../rules/rule-store.js';
import { readSettings, setPaused, setRetention } from '../settings/settings.js';
import { purgeStatus, startPurge } from '../settings/purge.js';
import { PURGE_PHRASE } from '../settings/purge-status.js';
import type { AdminCheck, CallerPort } from '../../ports/caller.js';
import type { AppDeps } from '../deps.js';
import { getExecution, listExecutions } from '../executions/execution-queries.js';
import { listAudit, verifyAuditLog } from '../rules/audit-log.js';
import { createRuleStore } from '../rules/rule-store.js';
import { validateRule } from '../../core/rule/validate.js';
import { runOnIssue, startJqlRun } from '../schedule/manual-run.js';
import { getRun, listRunBatches, listRuns } from '../schedule/run-queries.js';

/** Who is calling: the admin page's user (Forge's resolver context). */
export type Caller = { accountId: string };

type Handler = (payload: never, caller: Caller) => Promise<ResolverResponse<unknown>>;

/** zod's optional keys read `x?: T | undefined`; the stores take `x?: T`. Dropping undefined keys bridges the two. */
function compact<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function refused(access: Exclude<AdminCheck, { admin: true }>): ResolverResponse<never> {
  return access.reason === 'NOT_ADMIN'
    ? { ok: false, error: { code: 'FORBIDDEN', message: 'Ruleforge is managed by Jira administrators; ask one to give you the Administer Jira permission if you need it.' } }
    : { ok: false, error: { code: 'ACCESS_UNCHECKED', message: `${access.message} Try again in a moment.` } };
}

const ok = <T>(result: T): ResolverResponse<T> => ({ ok: true, result });
const notFound = (what: string): ResolverResponse<never> => ({ ok: false, error: { code: 'NOT_FOUND', message: `${what} does not exist` } });

/**
 * The admin page's API as use cases, one per resolver key of the contract. Payloads are checked against the
 * contract first: a bad payload answers INVALID_PAYLOAD with JSON Pointer paths, never an exception.
 */
export function adminApi(deps: AppDeps, callerPort: CallerPort): Record<ResolverKey, (payload: unknown, caller: Caller) => Promise<ResolverResponse<unknown>>> {
  const store = createRuleStore({ storage: deps.storage, now: deps.now });
  const handlers: { [K in ResolverKey]: (payload: ReturnType<(typeof resolverPayloads)[K]['parse']>, caller: Caller) => Promise<ResolverResponse<ResolverResults[K]>> } = {
    'rules.list': async (p) => ok(await store.list(compact(p))),
    'rules.get': async (p) => {
      const found = await store.get(p.ruleId);
      return found === undefined ? notFound(`Rule ${p.ruleId}`) : ok(found);
    },
    'rules.save': async (p, caller) => {
      const saved = await store.save({ document: p.document, expectedVersion: p.expectedVersion, actor: caller.accountId });
      if (saved.ok) return ok(saved);
      if (saved.code === 'INVALID_RULE') return { ok: false, error: { code: 'INVALID_RULE', message: 'The rule has problems; nothing was saved.', issues: saved.issues } };
      return { ok: false, error: { code: 'CONFLICT', message: `The rule was changed by someone else (now at version ${String(saved.currentVersion)}); reload it before saving.`, currentVersion: saved.currentVersion } };
    },
    'rules.import': async (p, caller) => {
      const issues = bundleIssues(p.documents);
      if (issues.length > 0) return ok({ saved: false as const, issues });
      const imported = await store.importRules({ documents: p.documents, actor: caller.accountId });
      return ok({ saved: true as const, results: imported.results.filter((r): r is Extract<SaveOutcome, { ok: true }> => r.ok) });
    },
    'rules.export': async () => ok(await exportRules(deps.storage, deps.now())),
    'rules.stats': async (p) => {
      const days = statDays(deps.now(), p.days ?? 14);
      return ok({ days, rules: await ruleStats(deps.storage, p.ruleIds, days) });
    },
    'settings.get': async () => ok(await readSettings(deps.storage)),
    'settings.setPaused': async (p, caller) => {
      const settings = await setPaused(deps.storage, deps.now, caller.accountId, p.paused);
      await store.rebuildActiveRuleset();
      return ok(settings);
    },
    'settings.setRetention': async (p, caller) => {
      const changed = await setRetention(deps.storage, deps.now, caller.accountId, compact(p));
      if (changed.ok) return ok(changed.settings);
      const issues = changed.issues.map((i) => ({ path: `/${i.field}`, code: 'INVALID_RETENTION', message: i.message }));
      return { ok: false, error: { code: 'INVALID_PAYLOAD', message: 'These retention periods do not fit together; nothing was saved.', issues } };
    },
    'data.deleteAll': async (p, caller) => {
      if (p.confirm !== PURGE_PHRASE) {
        return { ok: false, error: { code: 'INVALID_PAYLOAD', message: 'Nothing was deleted.', issues: [{ path: '/confirm', code: 'CONFIRMATION_MISMATCH', message: `Type ${PURGE_PHRASE} to confirm.` }] } };
      }
      return ok(await startPurge(deps, caller.accountId));
    },
    'data.deleteStatus': async () => ok(await purgeStatus(deps.storage)),
    'rules.setEnabled': async (p, caller) => {
      const changed = await store.setEnabled(p.ruleId, p.enabled, { actor: caller.accountId });
      return changed.ok ? ok(changed) : notFound(`Rule ${p.ruleId}`);
    },
    'rules.delete': async (p, caller) => {
      const deleted = await store.delete(p.ruleId, { actor: caller.accountId });
      return deleted.ok ? ok(deleted) : notFound(`Rule ${p.ruleId}`);
    },
    'rules.versions': async (p) => ok(await store.listVersions(p.ruleId, compact({ cursor: p.cursor, limit: p.limit }))),
    'rules.version': async (p) => {
      const found = await store.getVersion(p.ruleId, p.version);
      return found === undefined ? notFound(`Version ${String(p.version)} of rule ${p.ruleId}`) : ok(found);
    },
    'executions.list': async (p) => ok(await listExecutions(deps.storage, compact(p))),
    'executions.get': async (p) => {
      const found = await getExecution(deps.storage, p.executionId);
      return found === null ? notFound(`Execution ${p.executionId}`) : ok(found);
    },
    'audit.list': async (p) => ok(await listAudit(deps.storage, compact(p))),
    'audit.verify': async () => ok(await verifyAuditLog(deps.storage)),
    'runs.start': async (p, caller) => {
      const found = await store.get(p.ruleId);
      if (found === undefined) return notFound(`Rule ${p.ruleId}`);
      const common = { document: found.document, dryRun: p.dryRun, actor: caller.accountId };
      const started = p.issueKey === undefined
        ? await startJqlRun(deps, { ...common, ruleId: p.ruleId, ruleVersion: found.head.version, ...compact({ jql: p.jql, maxIssues: p.maxIssues }) })
        : await runOnIssue(deps, { ...common, ruleVersion: found.head.version, issueKey: p.issueKey });
      return 'code' in started ? { ok: false, error: { code: started.code, message: started.message } } : ok(started);
    },
    'rules.test': async (p, caller) => {
      const validated = validateRule(p.document);
      if (!validated.ok) return { ok: false, error: { code: 'INVALID_RULE', message: 'The rule has problems; fix them to test it.', issues: validated.issues } };
      const tested = await runOnIssue(deps, { document: validated.rule, ruleVersion: null, issueKey: p.issueKey, dryRun: true, actor: caller.accountId });
      return 'code' in tested ? { ok: false, error: { code: tested.code, message: tested.message } } : ok(tested);
    },
    'runs.list': async (p) => ok(await listRuns(deps.storage, compact(p))),
    'runs.get': async (p) => {
      const found = await getRun(deps.storage, p.runId);
      return found === null ? notFound(`Run ${p.runId}`) : ok(found);
    },
    'runs.batches': async (p) => ok(await listRunBatches(deps.storage, p.runId, compact({ cursor: p.cursor, limit: p.limit }))),
  };
  return Object.fromEntries(
    RESOLVER_KEYS.map((key) => [key, async (payload: unknown, caller: Caller) => {
      // Every key, before anything is read: the caller must be a Jira administrator, as Jira says of them now.
      const access = await callerPort.checkAdmin();
      if (!access.admin) return refused(access);
      const parsed = resolverPayloads[key].safeParse(payload ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: `/${i.path.map(String).join('/')}`, code: 'INVALID_PAYLOAD', message: i.message }));
        return { ok: false, error: { code: 'INVALID_PAYLOAD', message: `The request to ${key} is not valid.`, issues } };
      }
      return (handlers[key] as Handler)(parsed.data as never, caller);
    }]),
  ) as Record<ResolverKey, (payload: unknown, caller: Caller) => Promise<ResolverResponse<unknown>>>;
}
