// `npm start`: the whole app on a laptop. It builds the manifest's functions the way they deploy, starts the local
// Forge platform (storage in .ruleforge/, queue, product events, scheduled triggers, clock) behind the real @forge
// SDKs, and serves the dev API on loopback. Flags: --memory (no files), PORT (default 8787; 0 picks a free port).
// Never imported by deployed code: scripts/build.ts fails a bundle that reaches src/local/.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildFunctions } from '../../scripts/build.js';
import { ruleJsonSchemaText } from '../core/rule/json-schema.js';
import { validateRule } from '../core/rule/validate.js';
import { ADMIN_PATH, BRIDGE_PATH, bridgeScript, contentSecurityPolicy, serveAdminPage } from './admin-page.js';
import { devRoutes, SerialLane } from './dev-api.js';
import { distLoader } from './host/loaders.js';
import { BodyError, readBody, send } from './http-io.js';
import { createJiraSite } from './jira/site/index.js';
import { JIRA_PREFIX, serveJira, USER_HEADER } from './jira-http.js';
import { Clock } from './runtime/clock.js';
import { LOCAL_APP } from './runtime/invocation.js';
import { LocalRuntime } from './runtime/local-runtime.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const port = Number(process.env.PORT ?? 8787);
const host = '127.0.0.1';
const memory = process.argv.includes('--memory');
const dataDir = join(root, '.ruleforge');
const PUMP_MS = 500;

/**
 * On a first start (no rules stored yet), the example rules in rules/ are imported through the admin API as the
 * seeded admin, so `npm start` runs a working app at once; later starts keep whatever the store holds.
 */
async function importExampleRules(): Promise<string> {
  const listed = await runtime.invokeResolver('rules.list', { limit: 1 });
  const page = listed.outcome === 'returned' ? (listed.value as { ok: boolean; result?: { items: unknown[] } }) : undefined;
  if (page?.ok !== true) return `could not read the rule store (${JSON.stringify(listed)})`;
  if ((page.result?.items.length ?? 0) > 0) return 'kept the stored rules';
  const dir = join(root, 'rules');
  const documents = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
  const result = await runtime.invokeResolver('rules.import', { documents });
  const saved = result.outcome === 'returned' ? ((result.value as { result?: { results?: { ok: boolean }[] } }).result?.results ?? []) : [];
  return `imported ${String(saved.filter((r) => r.ok).length)} of ${String(documents.length)} example rules from rules/`;
}

function rulesStatus(): { file: string; ok: boolean; issues: number }[] {
  const dir = join(root, 'rules');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch {
      return { file, ok: false, issues: 1 };
    }
    const result = validateRule(doc);
    return { file, ok: result.ok, issues: result.ok ? 0 : result.issues.length };
  });
}

mkdirSync(dataDir, { recursive: true });
const distDir = join(dataDir, 'dist');
const built = await buildFunctions({ root, outdir: distDir });
const manifest = parseYaml(readFileSync(join(root, 'manifest.yml'), 'utf8')) as unknown;
const storagePath = memory ? ':memory:' : join(dataDir, 'storage.sqlite');
const clock = new Clock();
// The site lives in memory and is seeded afresh at every start (decision 0011): its issues are demo data.
const site = createJiraSite({ clock, appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId });
const runtime = new LocalRuntime({ manifest, load: distLoader(distDir), storagePath, clock, jira: site });
const lane = new SerialLane();
const imported = await importExampleRules();
const routes = devRoutes(runtime, lane);

const adminDir = join(root, 'static', 'admin');
const csp = contentSecurityPolicy(manifest);

const ENDPOINTS = [
  'GET  /admin/                    the admin page (?as=<accountId> acts as another user of the simulated site)',
  'GET  /                          the app: functions, triggers, example rules and their validation state',
  'GET  /schemas/rule.schema.json  the rule JSON Schema',
  `*    /rest/api/3/...              the simulated Jira site, as the seeded admin or the user named by ${USER_HEADER}`,
  'POST /api/validate              a rule document -> {ok, rule} | {ok:false, issues}',
  'POST /__dev/events              a Jira product event -> 202; delivered to the subscribed triggers',
  'POST /__dev/drain               run everything due now -> counts',
  'GET|POST /__dev/clock           {now: ISO} | {advance: "15m"}: move the clock, firing what falls due',
  'POST /__dev/invoke/<key>        {payload, accountId?}: call an admin-page resolver as that user',
  'GET  /__dev/stats               request counters per service and operation, queues, schedules',
  'POST /__dev/faults              {service?: storage|jira|queue, latencyMs, errorRate, statuses: [429,500,503], killRate}; {} clears',
  'GET  /__dev/invocations         recent function invocations;  GET /__dev/failures: what failed',
];

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname.startsWith(JIRA_PREFIX)) {
    await serveJira(site, req, res, () => void lane.run(() => runtime.drain()));
    return;
  }
  for (const r of routes) {
    const match = req.method === r.method ? r.pattern.exec(url.pathname) : null;
    if (match) return r.handle(req, res, match.slice(1));
  }
  if (req.method === 'GET' && url.pathname.startsWith(ADMIN_PATH)) {
    if (!serveAdminPage(adminDir, url.pathname, csp, res)) send(res, 404, { error: 'not found: run `npm run build:ui` to build the admin page' });
    return;
  }
  if (req.method === 'GET' && url.pathname === BRIDGE_PATH) {
    send(res, 200, bridgeScript(), 'text/javascript');
    return;
  }
  if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/admin') && (req.headers.accept ?? '').includes('text/html')) {
    res.writeHead(302, { location: ADMIN_PATH });
    res.end();
    return;
  }
  if (req.method === 'GET' && url.pathname === '/') {
    send(res, 200, {
      app: 'ruleforge (local)',
      storage: memory ? 'in memory' : storagePath,
      jira: { rest: JIRA_PREFIX, actingUserHeader: USER_HEADER, defaultUser: LOCAL_APP.adminAccountId, users: site.users() },
      functions: built.map((f) => ({ key: f.key, handler: f.handler, bytes: f.bytes })),
      triggers: runtime.modules.triggers,
      scheduledTriggers: runtime.modules.scheduledTriggers,
      rules: rulesStatus(),
      endpoints: ENDPOINTS,
    });
  } else if (req.method === 'GET' && url.pathname === '/schemas/rule.schema.json') {
    send(res, 200, ruleJsonSchemaText());
  } else if (req.method === 'POST' && url.pathname === '/api/validate') {
    let doc: unknown;
    try {
      doc = JSON.parse(await readBody(req));
    } catch (err) {
      send(res, 400, { ok: false, issues: [{ path: '', code: 'INVALID_JSON', message: (err as Error).message }] });
      return;
    }
    send(res, 200, validateRule(doc));
  } else {
    send(res, 404, { error: 'not found', endpoints: ENDPOINTS });
  }
}

const server = createServer((req, res) => {
  route(req, res).catch((err: unknown) => {
    if (err instanceof BodyError) send(res, err.status, { code: err.code, message: err.message });
    else send(res, 500, { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
  });
});

// Real time keeps moving: delayed queue events, retries and scheduled ticks fall due without anyone calling drain.
const pump = setInterval(() => {
  const next = runtime.nextDueAt();
  if (next !== undefined && next <= runtime.clock.now()) void lane.run(() => runtime.drain());
}, PUMP_MS);

server.listen(port, host, () => {
  const rules = rulesStatus();
  const address = server.address();
  const bound = address !== null && typeof address === 'object' ? address.port : port;
  console.log(`Ruleforge local: http://${host}:${String(bound)}/  (admin page: http://${host}:${String(bound)}${ADMIN_PATH})`);
  console.log(`storage: ${memory ? 'in memory (--memory)' : storagePath}`);
  console.log(`functions: ${built.map((f) => `${f.key} (${f.handler}, ${String(f.bytes)} bytes)`).join(', ')}`);
  console.log(`rules/: ${String(rules.filter((r) => r.ok).length)} of ${String(rules.length)} valid; rule store: ${imported}`);
  console.log(`Jira: simulated site at ${JIRA_PREFIX} (in memory, demo data; ${USER_HEADER} picks the acting user)`);
  for (const line of ENDPOINTS) console.log(`  ${line}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(pump);
    server.close(() => {
      runtime.close();
      process.exit(0);
    });
  });
}
