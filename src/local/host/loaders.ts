/**
 * Where the host gets handlers from. `npm start` runs the built bundles (dist/<function-key>/index.js, what
 * scripts/build.ts makes with Forge's bundling rules), so what runs locally is what would be deployed. Tests load
 * the TypeScript sources directly (vitest and tsx compile them), which needs no build step.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HostedFunction } from './app-modules.js';
import type { Handler, HandlerLoader } from './function-host.js';

export class HandlerNotFoundError extends Error {
  override name = 'HandlerNotFoundError';
}

function pick(module: Record<string, unknown>, fn: HostedFunction, where: string): Handler {
  const handler = module[fn.exportName];
  if (typeof handler !== 'function') throw new HandlerNotFoundError(`${where} does not export a function ${fn.exportName} (function ${fn.key}, handler ${fn.handler})`);
  return handler as Handler;
}

export function distLoader(distDir: string): HandlerLoader {
  const require = createRequire(join(distDir, 'package.json'));
  return (fn) => {
    const file = join(distDir, fn.key, 'index.js');
    return Promise.resolve(pick(require(file) as Record<string, unknown>, fn, file));
  };
}

export function sourceLoader(srcDir: string): HandlerLoader {
  return async (fn) => {
    const file = join(srcDir, `${fn.file}.ts`);
    return pick((await import(pathToFileURL(file).href)) as Record<string, unknown>, fn, file);
  };
}
