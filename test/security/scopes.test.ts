/**
 * Least scopes: manifest.yml asks for exactly the scopes docs/security-and-privacy.md lists, each needed by a trigger
 * event (@forge/manifest's event → scope mapping, the one its product-trigger validation applies), a Jira endpoint the
 * code calls (Jira's OpenAPI document, each operation's current classic scopes) or Forge storage (@forge/kvs).
 */
import { validateTriggerScopes } from '@forge/manifest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importedNames, ROOT } from './source-scan.js';

type Manifest = {
  modules?: { trigger?: { events?: string[] }[] } & Record<string, unknown>;
  permissions?: { scopes?: string[]; external?: unknown; content?: Record<string, unknown> };
  remotes?: unknown;
};
type Operation = { 'x-atlassian-oauth2-scopes'?: { scopes: string[]; state: string }[] };
type Endpoint = { method: string; template: string; file: string };

const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;
const granted = [...(manifest.permissions?.scopes ?? [])].sort();

function documentedScopes(): string[] {
  const doc = readFileSync(join(ROOT, 'docs/security-and-privacy.md'), 'utf8');
  const table = /<!-- scopes:start -->([\s\S]*?)<!-- scopes:end -->/.exec(doc)?.[1] ?? '';
  return [...table.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1] ?? '').sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

/** Every route`…` template under src/adapters/forge with the HTTP method its call passes (GET when none is given). */
function endpointsCalled(): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const file of filesUnder('src/adapters/forge')) {
    const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'route') {
        const t = node.template;
        const template = ts.isNoSubstitutionTemplateLiteral(t) ? t.text : t.head.text + t.templateSpans.map((s) => `{}${s.literal.text}`).join('');
        endpoints.push({ method: methodOf(node), template: template.split('?')[0] ?? template, file });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return endpoints;
}

function methodOf(routeNode: ts.Node): string {
  const call = routeNode.parent;
  if (!ts.isCallExpression(call)) return 'GET';
  for (const arg of call.arguments) {
    if (ts.isStringLiteral(arg) && /^(GET|POST|PUT|DELETE|PATCH)$/.test(arg.text)) return arg.text;
    if (ts.isObjectLiteralExpression(arg)) {
      const method = arg.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'method');
      if (method && ts.isPropertyAssignment(method) && ts.isStringLiteral(method.initializer)) return method.initializer.text;
    }
  }
  return 'GET';
}

const openapi = JSON.parse(readFileSync(join(ROOT, '../shared/reference/jira/openapi-v3.json'), 'utf8')) as { paths: Record<string, Record<string, Operation>> };

/** The current classic scopes of the OpenAPI operation a template names (its {} segments match any path parameter). */
function scopesOf(endpoint: Endpoint): string[] | undefined {
  const pattern = new RegExp(`^${endpoint.template.split('{}').map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('\\{[^/}]+\\}')}$`);
  const path = Object.keys(openapi.paths).find((p) => pattern.test(p));
  const operation = path === undefined ? undefined : openapi.paths[path]?.[endpoint.method.toLowerCase()];
  return operation?.['x-atlassian-oauth2-scopes']?.find((s) => s.state === 'Current')?.scopes;
}

describe('manifest permissions', () => {
  it('asks for no external egress, no remotes and no loosened content scripts', () => {
    expect(manifest.permissions?.external).toBeUndefined();
    expect(manifest.remotes).toBeUndefined();
    expect(manifest.permissions?.content?.['scripts']).toBeUndefined();
    expect(Object.keys(manifest.modules ?? {}).filter((m) => /remote|endpoint/i.test(m))).toEqual([]);
  });

  it('grants exactly the documented scopes, each one needed', async () => {
    expect(granted).toEqual(documentedScopes());

    const needs = new Map<string, string[]>();
    const need = (scope: string, by: string): void => { needs.set(scope, [...(needs.get(scope) ?? []), by]); };

    for (const event of (manifest.modules?.trigger ?? []).flatMap((t) => t.events ?? [])) {
      const result = await validateTriggerScopes(event, granted);
      expect(result.missingScopes, event).toEqual([]);
      for (const scope of result.requiredScopes?.current ?? []) need(scope, `event ${event}`);
    }
    const endpoints = endpointsCalled();
    expect(endpoints.length).toBeGreaterThanOrEqual(10);
    for (const endpoint of endpoints) {
      const scopes = scopesOf(endpoint);
      expect(scopes, `${endpoint.method} ${endpoint.template} (${endpoint.file}) is not in Jira's OpenAPI document`).toBeDefined();
      for (const scope of scopes ?? []) need(scope, `${endpoint.method} ${endpoint.template}`);
    }
    const shipped = ['src/adapters', 'src/app', 'src/entry', 'src/core', 'src/ports'].flatMap(filesUnder);
    for (const file of shipped) {
      if (importedNames(file, readFileSync(join(ROOT, file), 'utf8'), '@forge/kvs').length > 0) need('storage:app', `${file} imports @forge/kvs`);
    }

    process.stdout.write([...needs].map(([scope, by]) => `${scope} ⇐ ${[...new Set(by)].join(', ')}`).join('\n') + '\n');
    expect([...needs.keys()].filter((scope) => !granted.includes(scope)), 'needed but not granted').toEqual([]);
    expect(granted.filter((scope) => !needs.has(scope)), 'granted but needed by nothing').toEqual([]);
  });

  it('reads each endpoint\'s scope from the OpenAPI document (a write needs write:jira-work, a read read:jira-work)', () => {
    expect(scopesOf({ method: 'PUT', template: '/rest/api/3/issue/{}', file: '' })).toEqual(['write:jira-work']);
    expect(scopesOf({ method: 'GET', template: '/rest/api/3/issue/{}', file: '' })).toEqual(['read:jira-work']);
    expect(scopesOf({ method: 'GET', template: '/rest/api/3/no-such-endpoint', file: '' })).toBeUndefined();
  });
});
