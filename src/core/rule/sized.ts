import * as z from 'zod';

type Payload = z.core.ParsePayload;

const isString = (payload: Payload): boolean => typeof payload.value === 'string';
const isArray = (payload: Payload): boolean => Array.isArray(payload.value);

/**
 * Length bounds that look only at a value of the schema's own type. zod's `.min()`/`.max()` run on any value with a
 * `length` member, even after the type check failed, and compare that member with `<=`: the document
 * `{"name": {"length": {"toString": false}}}` made the comparison throw, and the validator answered INTERNAL_ERROR
 * instead of "expected string" (found by the reliability suite's hostile documents).
 */
export function sized<T extends z.ZodString | z.ZodArray>(schema: T, min: number | undefined, max: number | undefined): T {
  const when = schema instanceof z.ZodString ? isString : isArray;
  const checks: z.core.$ZodCheck[] = [];
  if (min !== undefined) checks.push(new z.core.$ZodCheckMinLength({ check: 'min_length', minimum: min, when }));
  if (max !== undefined) checks.push(new z.core.$ZodCheckMaxLength({ check: 'max_length', maximum: max, when }));
  // `check` keeps the schema's type; zod types it per schema, so the union needs one cast here.
  return (schema as unknown as z.ZodType<never>).check(...checks) as unknown as T;
}
