/**
 * Request-body shapes shared by the routes. Keys, values and TTLs are left `unknown` here on purpose: they are
 * checked by items.ts, which answers with Forge's specific codes (EMPTY_KEY, MAX_SIZE, …) rather than a shape error.
 */
import * as z from 'zod';
import { Codes, fail } from './errors.js';
import { METADATA_FIELDS, type MetadataField } from './items.js';

const metadataFields = z.array(z.enum(METADATA_FIELDS));

export const getOptions = z.looseObject({ metadataFields: metadataFields.optional() });

export const setOptions = z.looseObject({
  ttl: z.unknown().optional(),
  keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
  returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
  returnMetadataFields: metadataFields.optional(),
});
export type SetOptions = z.infer<typeof setOptions>;

export const itemRequest = z.looseObject({
  key: z.unknown().optional(),
  value: z.unknown().optional(),
  entityName: z.unknown().optional(),
  options: z.unknown().optional(),
});
export type ItemRequest = z.infer<typeof itemRequest>;

/** Parses with a zod schema; a mismatch is a 400 INVALID_REQUEST_BODY naming the offending path. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue === undefined || issue.path.length === 0 ? '' : `.${issue.path.map(String).join('.')}`;
    fail(Codes.INVALID_REQUEST_BODY, `${where}${path}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

export function metadataFieldsOf(options: unknown, where: string): MetadataField[] | undefined {
  return options === undefined ? undefined : parse(getOptions, options, `${where}.options`).metadataFields;
}
