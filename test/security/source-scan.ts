/**
 * What the deployed code can reach, read from the code itself: the files esbuild pulls into each bundle (from the
 * manifest's handlers and the admin page's vite entry) and, per file, the network calls its syntax makes (through the
 * TypeScript compiler API, so a comment or a string that mentions fetch never counts and an aliased call still does).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { readManifestFunctions } from '../../src/local/manifest-functions.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

export const NETWORK_GLOBALS = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']);
export const NETWORK_MODULES = new Set(
  ['http', 'https', 'net', 'tls', 'dgram', 'http2', 'child_process'].flatMap((m) => [m, `node:${m}`]).concat(['undici', 'axios', 'node-fetch']),
);

export type Finding = { file: string; line: number; what: string };

/** Network use in one file's source: network globals, network modules, and product requests other than requestJira. */
export function scanSource(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, what: string): void => {
    findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, what });
  };
  const moduleName = (spec: ts.Expression | undefined): string | undefined => (spec !== undefined && ts.isStringLiteralLike(spec) ? spec.text : undefined);
  const isNetworkModule = (name: string | undefined): boolean =>
    name !== undefined && (NETWORK_MODULES.has(name) || [...NETWORK_MODULES].some((m) => name.startsWith(`${m}/`)));
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && NETWORK_GLOBALS.has(node.text)) report(node, node.text);
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      const key = node.argumentExpression.text;
      if (NETWORK_GLOBALS.has(key) || (/^request[A-Z]/.test(key) && key !== 'requestJira')) report(node, `[${JSON.stringify(key)}]`);
    }
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && isNetworkModule(moduleName(node.moduleSpecifier))) {
      report(node, `import ${moduleName(node.moduleSpecifier) ?? ''}`);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isLoader = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
      if (isLoader && isNetworkModule(moduleName(node.arguments[0]))) report(node, `load ${moduleName(node.arguments[0]) ?? ''}`);
      if (isLoader && node.arguments[0] !== undefined && !ts.isStringLiteralLike(node.arguments[0])) report(node, 'load of a computed module name');
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name !== undefined && /^request[A-Z]/.test(name) && name !== 'requestJira') report(node, name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** The names a file imports from a module (`import { a, b as c } from 'm'` → a, b; a default or namespace import → *). */
export function importedNames(file: string, text: string, module: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== module) continue;
    const clause = statement.importClause;
    if (clause?.name) names.push('*');
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
    if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((e) => (e.propertyName ?? e.name).text));
  }
  return names;
}

export type Bundle = { name: string; inputs: string[] };

async function inputsOf(options: Parameters<typeof build>[0]): Promise<string[]> {
  const result = await build({ ...options, absWorkingDir: ROOT, bundle: true, write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('virtual:'));
}

/** One bundle per manifest function, each from `export { <handler> } from src/<file>`, as scripts/build.ts bundles them. */
export async function backendBundles(root = ROOT): Promise<Bundle[]> {
  const bundles: Bundle[] = [];
  for (const fn of readManifestFunctions(join(root, 'manifest.yml'))) {
    const file = `./src/${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.ts`;
    const inputs = await inputsOf({
      stdin: { contents: `export { ${fn.exportName} } from ${JSON.stringify(file)};`, resolveDir: root, sourcefile: `virtual:${fn.key}`, loader: 'ts' },
      platform: 'node',
      format: 'cjs',
      target: 'node22',
    });
    bundles.push({ name: `function ${fn.key} (${fn.handler})`, inputs });
  }
  return bundles;
}

/** The admin page: the module script of vite's entry page (src/ui/admin/index.html, vite.admin.config.ts's root). */
export async function pageBundle(root = ROOT): Promise<Bundle> {
  const html = readFileSync(join(root, 'src/ui/admin/index.html'), 'utf8');
  const entry = /<script type="module" src="\.\/([^"]+)"><\/script>/.exec(html)?.[1];
  if (entry === undefined) throw new Error('src/ui/admin/index.html has no module script');
  const inputs = await inputsOf({
    entryPoints: [join(root, 'src/ui/admin', entry)],
    platform: 'browser',
    format: 'esm',
    jsx: 'automatic',
    // Never written (write: false); esbuild wants a place for the page's CSS output all the same.
    outdir: join(root, 'static/admin'),
    loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty', '.woff': 'empty', '.woff2': 'empty' },
  });
  return { name: `admin page (${entry})`, inputs };
}

/** npm package names among a bundle's inputs (node_modules/<name>/… or node_modules/@scope/<name>/…, outermost). */
export function packagesOf(inputs: string[]): string[] {
  const names = new Set<string>();
  for (const input of inputs) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

export function sourceFilesOf(inputs: string[]): string[] {
  return inputs.filter((input) => input.startsWith('src/')).sort();
}
