/**
 * The admin page's backend API: one resolver definition per key, its payload schema (checked by the backend on
 * every call) and its result type. The admin UI (issue 8) calls these keys through one typed client built on this
 * module; the backend registers exactly these keys (test/app/admin-resolver.test.ts checks both directions).
 */
import * as z from 'zod';

const ruleId = z.string().min(1).max(64);
const cursor = z.string().min(1).max(2000).optional();
const limit = z.number().int().min(1).max(100).optional();
const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/, 'an issue key such as OPS-7').max(255);
const runId = z.string().min(1).max(200);

export const resolverPayloads = {
  'rules.list': z.object({ cursor, limit }),
  'rules.get': z.object({ ruleId }),
  'rules.save': z.object({ document: z.unknown(), expectedVersion: z.number().int().min(0).nullable() }),
  'rules.import': z.object({ documents: z.array(z.unknown()).min(1).max(100) }),
  'rules.setEnabled': z.object({ ruleId, enabled: z.boolean() }),
  'rules.delete': z.object({ ruleId }),
  'rules.versions': z.object({ ruleId, cursor, limit }),
  'rules.version': z.object({ ruleId, version: z.number().int().min(1) }),
  'executions.list': z.object({ ruleId: ruleId.optional(), status: z.string().max(40).optional(), issueKey: z.string().max(255).optional(), cursor, limit }),
  'executions.get': z.object({ executionId: z.string().min(1).max(200) }),
  'audit.list': z.object({ ruleId: ruleId.optional(), cursor, limit }),
  'audit.verify': z.object({}),
  /** Run a saved rule now: on one issue (answered at once), or over a JQL set (a run whose progress runs.get shows). */
  'runs.start': z.object({
    ruleId,
    dryRun: z.boolean(),
    issueKey: issueKey.optional(),
    /** For a JQL run: the rule's own JQL when absent (a manual rule has none and must give one). */
    jql: z.string().min(1).max(10_000).optional(),
    maxIssues: z.number().int().min(1).max(100_000).optional(),
  }),
  /** Dry-run a document that may not be saved yet on one issue: the editor's test panel. Nothing is written. */
  'rules.test': z.object({ document: z.unknown(), issueKey }),
  'runs.list': z.object({ ruleId: ruleId.optional(), cursor, limit }),
  'runs.get': z.object({ runId }),
  /** A run's matched issues and their planned actions, a few batches at a time. */
  'runs.batches': z.object({ runId, cursor, limit: z.number().int().min(1).max(20).optional() }),
} as const;

export type ResolverKey = keyof typeof resolverPayloads;
export type ResolverPayload<K extends ResolverKey> = z.input<(typeof resolverPayloads)[K]>;
export const RESOLVER_KEYS = Object.keys(resolverPayloads) as ResolverKey[];

/** Every resolver answers this envelope: a result, or an error the UI can show at a field or as a banner. */
export type ResolverResponse<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string; issues?: { path: string; code: string; message: string }[] } };
