/**
 * The writer child as one ES module, built once per run: a child started from it is ready in a fraction of the time
 * `node --import tsx` takes to compile the TypeScript again for every one of the 100 restarts.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function bundleWriter(outdir: string): Promise<string> {
  const outfile = join(outdir, 'crash-writer.mjs');
  // The native module stays outside the bundle, imported by absolute URL: the bundle lives in a temporary directory,
  // where a bare `better-sqlite3` would not resolve.
  const sqlite = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
  await build({
    entryPoints: [fileURLToPath(new URL('./writer.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'native-sqlite',
        setup: (b) => {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
        },
      },
    ],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}
