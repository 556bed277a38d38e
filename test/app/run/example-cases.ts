/**
 * The example rules' event vectors as runnable cases: each matched case of an event-triggered rule in rules/, with
 * an app whose clock stands at the vector's `now` and whose simulated site holds the vector's issue (imported into a
 * bare site, so the vectors' SHOP, SUP, PLAT, OPS and MKT projects and people are theirs, not the demo's).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { forgeStorage } from '../../../src/adapters/forge/kvs-storage.js';
import { sourceLoader } from '../../../src/local/host/loaders.js';
import { createJiraSite, type JiraSite } from '../../../src/local/jira/site/index.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../../src/local/runtime/invocation.js';
import { LocalRuntime } from '../../../src/local/runtime/local-runtime.js';
import { ruleVectorFileSchema, type PlannedAction } from '../../vectors/vector-schema.js';

const root = new URL('../../../', import.meta.url);
const manifest = parseYaml(readFileSync(new URL('manifest.yml', root), 'utf8')) as unknown;
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

/**
 * Issue fields the site does not simulate (decision 0011, "Not simulated"): left out of the import, which would
 * refuse them. The rules read them from the event, which is delivered exactly as the vector has it, so the run
 * decides on them; the import's refusal keeps the site from quietly holding less than the vector.
 */
export const NOT_ON_THE_SITE = ['components', 'fixVersions'] as const;

export type EventCase = { ruleId: string; document: unknown; name: string; now: number; event: Record<string, unknown>; actions: PlannedAction[] };

type EventFields = Record<string, unknown> & { project: { key: string } };
type VectorEvent = { issue: { id: string; key: string; fields: EventFields } } & Record<string, unknown>;

export function eventCases(): EventCase[] {
  const cases: EventCase[] = [];
  for (const file of readdirSync(new URL('rules/', root)).filter((f) => f.endsWith('.json')).sort()) {
    const document = readJson(`rules/${file}`) as { id: string; trigger: { type: string } };
    if (document.trigger.type !== 'event') continue;
    const vectors = ruleVectorFileSchema.parse(readJson(`test/vectors/rules/${file}`));
    for (const c of vectors.cases) {
      if (c.input.kind !== 'event' || c.expect.decision !== 'matched') continue;
      cases.push({ ruleId: document.id, document, name: c.name, now: Date.parse(c.input.now), event: c.input.event, actions: c.expect.actions });
    }
  }
  return cases;
}

export type VectorApp = {
  runtime: LocalRuntime;
  /** The app's own account: the author of what the rules write. */
  appAccountId: string;
  site: JiraSite;
  resolve(key: string, payload: unknown): Promise<{ ok: boolean; result?: unknown; error?: unknown }>;
  /** GET through the site's REST API, as the app reads it. */
  read(path: string): Promise<unknown>;
  result(executionId: string, index: number): Promise<unknown>;
  close(): void;
};

export function startVectorApp(now: number): VectorApp {
  const clock = new Clock({ start: now, frozen: true });
  const site = createJiraSite({ clock, data: 'bare', appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId });
  const runtime = new LocalRuntime({ manifest, load: sourceLoader(fileURLToPath(new URL('src', root))), storagePath: ':memory:', clock, jira: site });
  return {
    runtime,
    appAccountId: LOCAL_APP.appAccountId,
    site,
    async resolve(key, payload) {
      const outcome = await runtime.invokeResolver(key, payload);
      if (outcome.outcome !== 'returned') throw new Error(`resolver ${key} ${outcome.outcome}`);
      return outcome.value as { ok: boolean; result?: unknown; error?: unknown };
    },
    async read(path) {
      const caller = { appId: LOCAL_APP.appId, environmentId: LOCAL_APP.environmentId, appVersion: LOCAL_APP.appVersion, installationId: LOCAL_APP.installationId, functionKey: 'test', invocationId: 'test' };
      const response = await site.handle({ method: 'GET', path: `/rest/api/3${path}`, headers: { 'x-forge-provider': 'app' }, body: undefined }, caller);
      if (response.status !== 200) throw new Error(`GET ${path}: ${String(response.status)} ${response.body ?? ''}`);
      return JSON.parse(response.body ?? 'null') as unknown;
    },
    result(executionId, index) {
      return runtime.runInInvocation(() => forgeStorage().get({ entity: 'rule-result', key: `${executionId}#${String(index)}` }));
    },
    close() {
      runtime.close();
    },
  };
}

/** The vector's issue onto the site, with the people the planned actions assign to. */
export function importVectorIssue(site: JiraSite, c: EventCase): void {
  const { issue } = c.event as VectorEvent;
  const fields = Object.fromEntries(Object.entries(issue.fields).filter(([name]) => !(NOT_ON_THE_SITE as readonly string[]).includes(name)));
  const accounts = c.actions.flatMap((a) => (a.type === 'assign' && a.accountId !== null ? [{ accountId: a.accountId }] : []));
  site.importIssue({ key: issue.key, id: issue.id, fields, accounts });
}
