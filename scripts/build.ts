/**
 * Bundles every manifest function the way Forge's bundler would, one bundle per function, and fails when a bundle
 * would carry code that must never be deployed (the local runtime, the CLI, tests, scripts, benchmarks).
 *
 * `forge deploy` runs its own bundler (@forge/bundler: webpack, one file per handler file); this build does not
 * replace it. It exists so CI sees each function's size and import graph, and what it must not ship, before a deploy.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ManifestError, readManifestFunctions, type ManifestFunction } from '../src/local/manifest-functions.js';

export type BuildOptions = {
  /** The project root; manifest.yml and src/ are read from here. */
  root?: string;
  /** Where dist/<function-key>/index.js goes; defaults to <root>/dist. */
  outdir?: string;
};

export type FunctionReport = {
  key: string;
  handler: string;
  /** The handler file relative to the root, e.g. src/index.ts. */
  entry: string;
  exportName: string;
  outfile: string;
  bytes: number;
  gzipBytes: number;
  /** Every file esbuild read for this bundle, relative to the root (what Forge's bundler would pull in too). */
  inputs: string[];
  /** The five inputs contributing most bytes to the output. */
  topInputs: { path: string; bytes: number }[];
  /** esbuild's warnings, e.g. `import.meta` in a CommonJS bundle, which would be empty at run time. */
  warnings: string[];
};

export class BuildError extends Error {
  override name = 'BuildError';
}

/** Code that runs only on a developer machine or in CI. Reaching it from a handler would ship it to every site. */
export const FORBIDDEN_INPUT_DIRS = ['src/local/', 'src/cli/', 'test/', 'scripts/', 'bench/'] as const;

// Forge resolves `<file>.<export>` against src/ with these extensions, in this order (@forge/manifest's
// HANDLER_EXTENSIONS), and the same pattern for the handler string.
const HANDLER_EXTENSIONS = ['tsx', 'jsx', 'ts', 'js', 'cjs'] as const;
const HANDLER_PATTERN = /^([\p{Alpha}\d_-]+(?:\/[\p{Alpha}\d_-]+)*)\.([\p{Alpha}\d_-]+)$/u;

const defaultRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');


function resolveHandlerFile(root: string, fn: ManifestFunction): { file: string; exportName: string } {
  const match = HANDLER_PATTERN.exec(fn.handler);
  if (!match?.[1] || !match[2]) {
    throw new BuildError(`function ${fn.key}: handler '${fn.handler}' is not <file>.<export> (e.g. index.onJiraEvent)`);
  }
  const base = join(root, 'src', match[1]);
  const file = HANDLER_EXTENSIONS.map((ext) => `${base}.${ext}`).find((candidate) => existsSync(candidate));
  if (!file) {
    const candidates = `src/${match[1]}.{${HANDLER_EXTENSIONS.join(',')}}`;
    throw new BuildError(`function ${fn.key}: handler '${fn.handler}' names ${candidates}, which does not exist`);
  }
  return { file, exportName: match[2] };
}

/**
 * Our own modules have no import-time side effects (a convention the entry files rely on), so esbuild may drop a
 * module a function does not use even when src/index.ts re-exports it. Without this, every handler's bundle would
 * carry every other handler's top-level code (zod schemas are calls, which esbuild must assume have effects).
 */
function projectSourcesHaveNoSideEffects(srcDir: string): Plugin {
  const reentry = Symbol('reentry');
  return {
    name: 'project-sources-have-no-side-effects',
    setup(b) {
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === reentry) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: reentry,
        });
        if (resolved.errors.length > 0 || !resolved.path.startsWith(srcDir + sep)) return resolved;
        return { ...resolved, sideEffects: false };
      });
    },
  };
}

/**
 * esbuild takes a name re-exported through a .ts file but defined nowhere for a type, and drops it without a word, so
 * a renamed handler would still build. Loading the bundle in a clean Node, as Forge's runtime does, is the check.
 */
function assertHandlerExported(fn: ManifestFunction, outfile: string, exportName: string): void {
  const probe = 'process.stdout.write(typeof require(process.argv[1])[process.argv[2]])';
  let kind: string;
  try {
    kind = execFileSync(process.execPath, ['-e', probe, outfile, exportName], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    const reason = stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? stderr.trim();
    throw new BuildError(`function ${fn.key}: the bundle does not load in Node: ${reason}`);
  }
  if (kind !== 'function') {
    throw new BuildError(
      `function ${fn.key}: handler '${fn.handler}': the bundle exports '${exportName}' as ${kind}, not a function`,
    );
  }
}

function forbiddenInputs(inputs: string[]): string[] {
  return inputs.filter((input) => FORBIDDEN_INPUT_DIRS.some((dir) => input.replaceAll('\\', '/').startsWith(dir)));
}

function topInputs(metafile: Metafile, outfileRel: string): { path: string; bytes: number }[] {
  const output = metafile.outputs[outfileRel];
  if (!output) return [];
  return Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);
}

async function buildFunction(root: string, outdir: string, fn: ManifestFunction): Promise<FunctionReport> {
  const { file, exportName } = resolveHandlerFile(root, fn);
  const outfile = join(outdir, fn.key, 'index.js');
  let result;
  try {
    result = await build({
      absWorkingDir: root,
      // A virtual entry exporting only this handler, so tree-shaking leaves this function's code and nothing else.
      stdin: {
        contents: `export { ${exportName} } from ${JSON.stringify(file)};`,
        resolveDir: root,
        sourcefile: `virtual:${fn.key}`,
        // As JavaScript, a name missing from the handler file itself is a build error rather than a dropped "type".
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      target: 'node22',
      // CommonJS loads through require() and import() alike, whichever Forge's runtime wrapper uses to reach the
      // handler export, and is what webpack's node target (so @forge/bundler) emits; @forge/bundler is not installed
      // here to confirm its settings. ESM would load only through import(), and needs .mjs or a "type" marker.
      format: 'cjs',
      minify: true,
      sourcemap: 'external',
      metafile: true,
      outfile,
      logLevel: 'silent',
      plugins: [projectSourcesHaveNoSideEffects(join(root, 'src'))],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/No matching export/.test(message)) {
      const source = relative(root, file);
      throw new BuildError(`function ${fn.key}: handler '${fn.handler}': ${source} has no export '${exportName}'`);
    }
    throw new BuildError(`function ${fn.key}: esbuild failed: ${message}`);
  }

  // The project is "type":"module"; without this marker Node would read the CommonJS bundle as ESM and fail.
  writeFileSync(join(outdir, fn.key, 'package.json'), '{ "type": "commonjs" }\n');

  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('virtual:'));
  const forbidden = forbiddenInputs(inputs);
  if (forbidden.length > 0) {
    throw new BuildError(
      `function ${fn.key}: the bundle includes code that must never be deployed: ${forbidden.join(', ')} ` +
        `(handlers must not import from ${FORBIDDEN_INPUT_DIRS.join(', ')})`,
    );
  }

  assertHandlerExported(fn, outfile, exportName);

  const code = readFileSync(outfile);
  return {
    key: fn.key,
    handler: fn.handler,
    entry: relative(root, file),
    exportName,
    outfile,
    bytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    inputs,
    topInputs: topInputs(result.metafile, relative(root, outfile).replaceAll('\\', '/')),
    warnings: result.warnings.map((w) => `${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`),
  };
}

export async function buildFunctions(options: BuildOptions = {}): Promise<FunctionReport[]> {
  const root = resolve(options.root ?? defaultRoot);
  const outdir = resolve(options.outdir ?? join(root, 'dist'));
  let functions: ManifestFunction[];
  try {
    functions = readManifestFunctions(join(root, 'manifest.yml'));
  } catch (err) {
    if (err instanceof ManifestError) throw new BuildError(err.message);
    throw err;
  }
  mkdirSync(outdir, { recursive: true });
  const reports: FunctionReport[] = [];
  for (const fn of functions) reports.push(await buildFunction(root, outdir, fn));
  return reports;
}

export function formatReport(report: FunctionReport): string {
  const top = report.topInputs.map((input) => `${input.path} ${input.bytes}`).join(', ');
  return `${report.key} ${report.handler} ${report.bytes} B, ${report.gzipBytes} B gzip; top inputs: ${top}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    for (const report of await buildFunctions()) {
      console.log(formatReport(report));
      for (const warning of report.warnings) console.warn(`  warning: ${warning}`);
    }
  } catch (error) {
    console.error(error instanceof BuildError ? `build failed: ${error.message}` : error);
    process.exit(1);
  }
}
