import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A function module of manifest.yml: `handler` is `<file>.<export>` under src/. */
export type ManifestFunction = { key: string; handler: string; exportName: string };

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** The function modules of a parsed manifest; throws ManifestError naming the entry that is not usable. */
export function functionsOf(manifest: unknown, source = 'manifest.yml'): ManifestFunction[] {
  const functions = (manifest as { modules?: { function?: unknown } } | null)?.modules?.function;
  if (!Array.isArray(functions) || functions.length === 0) {
    throw new ManifestError(`${source}: modules.function lists no functions`);
  }
  return functions.map((fn: unknown, index) => {
    const { key, handler } = (fn ?? {}) as { key?: unknown; handler?: unknown };
    if (typeof key !== 'string' || typeof handler !== 'string') {
      throw new ManifestError(`${source}: modules.function[${index}] needs a string key and handler`);
    }
    return { key, handler, exportName: handler.slice(handler.lastIndexOf('.') + 1) };
  });
}

export function readManifestFunctions(manifestPath: string): ManifestFunction[] {
  return functionsOf(parse(readFileSync(manifestPath, 'utf8')) as unknown, manifestPath);
}
