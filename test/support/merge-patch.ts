/** RFC 7386 JSON Merge Patch: objects merge, null deletes, anything else (arrays included) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) Reflect.deleteProperty(base, key);
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}

/** The rule properties a vector's patch merges into; every other property (expressions above all) it replaces. */
const MERGED = new Set(['trigger', 'scope', 'limits']);

/** A rule vector's patch: merge-patches trigger, scope and limits; replaces (or, with null, deletes) the rest. */
export function patchRule(base: unknown, patch: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(out, key);
    else out[key] = MERGED.has(key) ? mergePatch(out[key], value) : value;
  }
  return out;
}
