/** Helpers for the figures' samples and timings: short, content-light descriptions a reader can reproduce from. */
export const SAMPLES = 5;

/**
 * A time that would become the slowest is taken once more and the lower kept: a slow document is slow every time, a
 * GC pause or a busy core (this machine is shared) is not. Only candidates for the maximum pay for the second run.
 */
const RETIME_MS = 20;

export function settled(ms: number, slowest: number, again: () => unknown): number {
  if (ms <= RETIME_MS || ms <= slowest) return ms;
  const started = performance.now();
  again();
  return Math.min(ms, performance.now() - started);
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300);
}

/** A value's JSON, cut short, for a sample line. */
export function start(document: unknown): string {
  try {
    return ((JSON.stringify(document) as string | undefined) ?? String(document)).slice(0, 300);
  } catch (error) {
    return `(not serialisable: ${describe(error)})`;
  }
}

/** Each field's type and size, without its content: enough to rebuild the data that made a run slow. */
export function shapeOf(fields: Record<string, unknown>): string {
  const shape = (value: unknown): string => {
    if (typeof value === 'string') return `text(${String(value.length)})`;
    if (Array.isArray(value)) return `list(${String(value.length)})`;
    return value === null ? 'null' : typeof value;
  };
  return Object.entries(fields).map(([key, value]) => `${key}: ${shape(value)}`).join(', ').slice(0, 400);
}
