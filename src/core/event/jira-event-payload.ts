// The namespace import, not `import { z }`: esbuild keeps every zod export (JSON-Schema import, all locales) reachable
// through the named `z` binding, about 455 KB minified against 90 KB this way; the API is the same.
import * as z from 'zod';
import { SUPPORTED_EVENTS } from '../rule/limits.js';
import { sized } from '../rule/sized.js';

/**
 * The shape of a Jira product-event payload as far as the engine relies on it. Objects are loose: Forge and Jira add
 * fields over time (associatedUsers, associatedStatuses, ...) and a new field must never make us drop an event.
 */

const optionalText = z.string().nullable().optional();

/**
 * Zod reads shape keys with `input[key]`, so a changelog item without its own `toString` would be checked against
 * Object.prototype.toString (a function) and fail. Reading own properties only, through a null-prototype copy, keeps a
 * missing `toString` missing.
 */
function ownPropertiesOnly(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.assign(Object.create(null) as object, value);
}

const changelogItemSchema = z.preprocess(
  ownPropertiesOnly,
  z.looseObject({
    field: z.string(),
    fieldId: z.string().optional(),
    fieldtype: z.string().optional(),
    from: optionalText,
    fromString: optionalText,
    to: optionalText,
    toString: optionalText,
  }),
);

export const jiraEventSchema = z.looseObject({
  eventType: z.enum(SUPPORTED_EVENTS),
  issue: z.looseObject({
    id: sized(z.string(), 1, undefined),
    key: sized(z.string(), 1, undefined),
    // Field values are read later, by path and with depth limits; here only the container is checked.
    fields: z.record(z.string(), z.unknown()),
  }),
  atlassianId: z.string().optional(),
  changelog: z.looseObject({ items: z.array(changelogItemSchema) }).optional(),
  // The comment's shape is not documented for Forge; the engine reads it by path like issue fields.
  comment: z.record(z.string(), z.unknown()).optional(),
});

export type JiraEvent = z.infer<typeof jiraEventSchema>;

export type EventIssue = { path: string; code: 'MALFORMED_EVENT'; message: string };

export type ParseJiraEventResult = { ok: true; event: JiraEvent } | { ok: false; issues: EventIssue[] };

/** RFC 6901: `~` and `/` inside a segment are escaped so that every path reads back unambiguously. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** Never throws: a payload is outside input, and a hostile one (throwing getters, revoked proxies) is malformed too. */
export function parseJiraEvent(input: unknown): ParseJiraEventResult {
  try {
    const result = jiraEventSchema.safeParse(input);
    if (result.success) return { ok: true, event: result.data };
    return {
      ok: false,
      issues: result.error.issues.map((issue) => ({
        path: toJsonPointer(issue.path),
        code: 'MALFORMED_EVENT' as const,
        message: issue.message,
      })),
    };
  } catch {
    return {
      ok: false,
      issues: [{ path: '', code: 'MALFORMED_EVENT', message: 'The payload could not be read.' }],
    };
  }
}
