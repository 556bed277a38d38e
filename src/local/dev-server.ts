// `npm start`: the app on a laptop. It serves the local endpoints below on loopback and invokes the same handlers
// manifest.yml deploys. Issue 4 puts the Forge platform emulation (storage, queue, runtime globals) behind them;
// until then a handler runs without Forge's globals, which the current handler does not need.
// Never imported by deployed code: scripts/build.ts fails if a bundle reaches src/local/.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import * as handlers from '../index.js';
import { ruleJsonSchemaText } from '../core/rule/json-schema.js';
import { validateRule } from '../core/rule/validate.js';
import { functionsOf, type ManifestFunction } from './manifest-functions.js';

const root = new URL('../../', import.meta.url);
const port = Number(process.env.PORT ?? 8787);
const host = '127.0.0.1';
const MAX_BODY = 1024 * 1024;

const functions = functionsOf(parseYaml(readFileSync(new URL('manifest.yml', root), 'utf8')) as unknown);

function rulesStatus(): { file: string; ok: boolean; issues: number }[] {
  const dir = new URL('rules/', root);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    } catch {
      return { file, ok: false, issues: 1 };
    }
    const result = validateRule(doc);
    return { file, ok: result.ok, issues: result.ok ? 0 : result.issues.length };
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  res.end(typeof body === 'string' ? body : JSON.stringify(body, null, 2) + '\n');
}

async function invoke(fn: ManifestFunction, payload: unknown): Promise<unknown> {
  const handler = (handlers as Record<string, unknown>)[fn.exportName];
  if (typeof handler !== 'function') throw new Error(`handler ${fn.handler} is not exported by src/index.ts`);
  return (await (handler as (event: unknown, context: unknown) => unknown)(payload, { installContext: 'local' }));
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (req.method === 'GET' && url.pathname === '/') {
    send(res, 200, { app: 'ruleforge (local)', functions, rules: rulesStatus(), endpoints: ENDPOINTS });
  } else if (req.method === 'GET' && url.pathname === '/schemas/rule.schema.json') {
    send(res, 200, ruleJsonSchemaText());
  } else if (req.method === 'POST' && url.pathname === '/api/validate') {
    const text = await readBody(req);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      send(res, 400, { ok: false, issues: [{ path: '', code: 'INVALID_JSON', message: (err as Error).message }] });
      return;
    }
    send(res, 200, validateRule(doc));
  } else if (req.method === 'POST' && url.pathname.startsWith('/functions/')) {
    const fn = functions.find((f) => f.key === decodeURIComponent(url.pathname.slice('/functions/'.length)));
    if (!fn) {
      send(res, 404, { error: `no function ${url.pathname.slice(11)} in manifest.yml`, functions: functions.map((f) => f.key) });
      return;
    }
    const text = await readBody(req);
    let payload: unknown = null;
    try {
      payload = text === '' ? null : JSON.parse(text);
    } catch {
      payload = text;
    }
    send(res, 200, { function: fn.key, result: await invoke(fn, payload) });
  } else {
    send(res, 404, { error: 'not found', endpoints: ENDPOINTS });
  }
}

const ENDPOINTS = [
  'GET  /                            functions, example rules and their validation state',
  'GET  /schemas/rule.schema.json    the rule JSON Schema',
  'POST /api/validate                a rule document -> {ok, rule} | {ok:false, issues}',
  'POST /functions/<key>             invoke a manifest function with the request body as its event',
];

const server = createServer((req, res) => {
  route(req, res).catch((err: unknown) => {
    send(res, 500, { error: err instanceof Error ? err.message : String(err) });
  });
});

server.listen(port, host, () => {
  const rules = rulesStatus();
  const address = server.address();
  const bound = address !== null && typeof address === 'object' ? address.port : port;
  console.log(`Ruleforge local: http://${host}:${bound}/`);
  console.log(`functions: ${functions.map((f) => `${f.key} (${f.handler})`).join(', ')}`);
  console.log(`rules/: ${rules.filter((r) => r.ok).length} of ${rules.length} valid`);
  for (const line of ENDPOINTS) console.log(`  ${line}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
  });
}
