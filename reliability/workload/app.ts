/**
 * The whole app in the local runtime for the reliability scenarios: the real manifest, the entry points loaded from
 * source, the storage and queue emulators, and the simulated site prepared for the workload's rules. Product events
 * go through `deliver`, so a scenario can deliver one change more than once as Forge may.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { sourceLoader } from '../../src/local/host/loaders.js';
import { createJiraSite, type JiraSite } from '../../src/local/jira/site/index.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../src/local/runtime/invocation.js';
import { LocalRuntime } from '../../src/local/runtime/local-runtime.js';
import { workloadRules } from './rules.js';
import { prepareSite } from './site.js';

const root = new URL('../../', import.meta.url);
export const START = Date.parse('2026-03-02T09:00:00Z');

export type SiteEvent = Record<string, unknown>;
export type WorkloadApp = {
  runtime: LocalRuntime;
  site: JiraSite;
  clock: Clock;
  close(): void;
};

export type WorkloadAppOptions = {
  /** Sees every event the site raises (people's and the app's own) before the platform delivers it. */
  onSiteEvent?: (event: SiteEvent) => void;
  /** Decides how many times the platform delivers a people's event (1 = once); extra copies are the scenario's. */
  copiesOf?: (event: SiteEvent) => number;
  faultSeed?: number;
  /** A frozen clock (the default) moves only when the scenario moves it; a running one follows the wall clock. */
  frozen?: boolean;
};

export async function startWorkloadApp(options: WorkloadAppOptions = {}): Promise<WorkloadApp> {
  const clock = new Clock({ start: START, frozen: options.frozen ?? true });
  const site = createJiraSite({ clock, data: 'empty', appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId });
  prepareSite(site);
  const manifest = parseYaml(readFileSync(new URL('manifest.yml', root), 'utf8')) as unknown;
  const jira = {
    handle: site.handle.bind(site),
    onEvent(listener: (event: SiteEvent) => void): () => void {
      return site.onEvent((event) => {
        options.onSiteEvent?.(event);
        const copies = options.copiesOf?.(event) ?? 1;
        for (let c = 0; c < copies; c++) listener(c === 0 ? event : structuredClone(event));
      });
    },
  };
  const runtime = new LocalRuntime({
    manifest, load: sourceLoader(fileURLToPath(new URL('src', root))), storagePath: ':memory:', clock, jira,
    ...(options.faultSeed === undefined ? {} : { faultSeed: options.faultSeed }),
  });
  const saved = await runtime.invokeResolver('rules.import', { documents: workloadRules() });
  const value = saved.outcome === 'returned' ? (saved.value as { ok: boolean; result?: { saved: boolean } }) : undefined;
  if (value?.ok !== true || value.result?.saved !== true) {
    runtime.close();
    throw new Error(`saving the workload's rules failed: ${JSON.stringify(saved).slice(0, 2000)}`);
  }
  return { runtime, site, clock, close: () => {
    runtime.close();
  } };
}
