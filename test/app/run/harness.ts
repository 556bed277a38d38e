/**
 * The whole app in the local runtime: the real manifest, the entry points loaded from source, the simulated Jira
 * site, storage and queue emulators on a frozen clock. Rules are saved through the admin resolver, as the admin
 * page would; people change issues through the site's REST API, which raises the product events.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { sourceLoader } from '../../../src/local/host/loaders.js';
import { createJiraSite, type JiraSite } from '../../../src/local/jira/site/index.js';
import { Clock } from '../../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../../src/local/runtime/invocation.js';
import { LocalRuntime } from '../../../src/local/runtime/local-runtime.js';
import type { WireRequest, WireResponse } from '../../../src/local/runtime/wire.js';

const root = new URL('../../../', import.meta.url);
const manifest = parseYaml(readFileSync(new URL('manifest.yml', root), 'utf8')) as unknown;
export const START = Date.parse('2026-03-02T09:00:00Z');
export const BEN = '557058:local-ben';

export type App = {
  runtime: LocalRuntime;
  site: JiraSite;
  clock: Clock;
  resolve(key: string, payload: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
  /** A person's REST call to the site (as Ben unless told), which raises events like a person's edit. */
  jira(method: string, path: string, body?: unknown, as?: string): Promise<{ status: number; body: unknown }>;
  close(): void;
};

export type StartOptions = {
  /** Sees every request the app's functions make to the site (not the test's own `jira()` calls). */
  onJiraRequest?: (request: WireRequest) => void;
  /** Stands between the app's functions and the site: answers a request itself, or forwards it and may change the answer. */
  interceptJira?: (request: WireRequest, forward: () => Promise<WireResponse>) => Promise<WireResponse>;
};

export function startApp(options: StartOptions = {}): App {
  const clock = new Clock({ start: START, frozen: true });
  const site = createJiraSite({ clock, appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId });
  const { onJiraRequest, interceptJira } = options;
  const jira = onJiraRequest === undefined && interceptJira === undefined ? site : {
    handle: (request: WireRequest, context: Parameters<typeof site.handle>[1]) => {
      onJiraRequest?.(request);
      const forward = () => site.handle(request, context);
      return interceptJira === undefined ? forward() : interceptJira(request, forward);
    },
    onEvent: (listener: Parameters<typeof site.onEvent>[0]) => site.onEvent(listener),
  };
  const runtime = new LocalRuntime({ manifest, load: sourceLoader(fileURLToPath(new URL('src', root))), storagePath: ':memory:', clock, jira });
  return {
    runtime,
    site,
    clock,
    async resolve(key, payload) {
      const outcome = await runtime.invokeResolver(key, payload);
      if (outcome.outcome !== 'returned') throw new Error(`resolver ${key} ${outcome.outcome}: ${JSON.stringify(outcome)}`);
      return outcome.value as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
    },
    async jira(method, path, body, as = BEN) {
      const response = await site.handle(
        { method, path: `/rest/api/3${path}`, headers: { 'x-forge-provider': 'user', 'x-forge-account-id': as }, body: body === undefined ? undefined : JSON.stringify(body) },
        { appId: LOCAL_APP.appId, environmentId: LOCAL_APP.environmentId, appVersion: LOCAL_APP.appVersion, installationId: LOCAL_APP.installationId, functionKey: 'test', invocationId: 'test' },
      );
      return { status: response.status, body: response.body === undefined || response.body === '' ? null : (JSON.parse(response.body) as unknown) };
    },
    close() {
      runtime.close();
    },
  };
}
