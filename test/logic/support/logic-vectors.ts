import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as z from 'zod';
import { LOGIC_ERROR_CODES } from '../../../src/core/logic/types.js';

/**
 * The compat-tables format (../shared/conformance/jsonlogic/compat-tables) with our error codes: a JSON array of
 * section comments (strings) and `{description, rule, data?, result | error: {code}}`. Strict, so a misspelt key
 * ("reslt", "eror") fails the file instead of silently testing nothing.
 */
const common = { description: z.string().min(1), rule: z.json(), data: z.json().optional() };

export const logicVectorSchema = z.union([
  // `approx`: the result's numbers are fractions an implementation may compute in another order.
  z.strictObject({ ...common, result: z.json(), approx: z.literal(true).optional() }),
  z.strictObject({ ...common, error: z.strictObject({ code: z.enum(LOGIC_ERROR_CODES) }) }),
]);
export type LogicVector = z.infer<typeof logicVectorSchema>;

/**
 * A vector file: section comments ("# ...") and entries whose descriptions name the test cases, so two must not be
 * the same. Shared by every logic vector format.
 */
export function describedEntries<T extends z.ZodType<{ description: string }>>(entry: T) {
  return z.array(z.union([z.string().startsWith('# '), entry])).superRefine((entries, ctx) => {
    const seen = new Set<string>();
    for (const [i, item] of entries.entries()) {
      if (typeof item === 'string') continue;
      const { description } = item as { description: string };
      if (seen.has(description)) ctx.addIssue({ code: 'custom', path: [i, 'description'], message: `duplicate description "${description}"` });
      seen.add(description);
    }
  });
}

export const logicVectorFileSchema = describedEntries(logicVectorSchema);

export function readJsonFile(url: URL): unknown {
  return JSON.parse(readFileSync(url, 'utf8'));
}

/** The vectors of a file, comments dropped. Throws (failing the test file) when the file does not have the format. */
export function loadLogicVectors(url: URL): LogicVector[] {
  return logicVectorFileSchema.parse(readJsonFile(url)).filter((e): e is LogicVector => typeof e !== 'string');
}

/** A vector's data: absent means `{}` (as in compat-tables); an explicit null stays null. */
export function vectorData(vector: LogicVector): unknown {
  return 'data' in vector ? vector.data : {};
}

const RELATIVE_TOLERANCE = 1e-9;

/** Deep equality where numbers may differ by a relative 1e-9; everything else exactly as toStrictEqual. */
export function expectApproxEqual(actual: unknown, expected: unknown, at = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number' && Number.isFinite(expected)) {
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    expect(Math.abs(actual - expected), `${at}: ${actual} vs ${expected}`).toBeLessThanOrEqual(scale * RELATIVE_TOLERANCE);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    expect(actual.length, `${at}.length`).toBe(expected.length);
    expected.forEach((e, i) => { expectApproxEqual(actual[i], e, `${at}[${i}]`); });
    return;
  }
  if (isRecord(expected) && isRecord(actual)) {
    expect(Object.keys(actual).sort(), `${at} keys`).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expectApproxEqual(actual[key], expected[key], `${at}.${key}`);
    return;
  }
  expect(actual, at).toStrictEqual(expected);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
