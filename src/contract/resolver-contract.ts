/**
 * The admin page's backend API: one resolver definition per key, its payload schema (checked by the backend on
 * every call) and its result type. The admin UI (issue 8) calls these keys through one typed client built on this
 * module; the backend registers exactly these keys (test/app/admin-resolver.test.ts checks both directions).
 */
import * as z from 'zod';
import type { AuditPage, AuditVerdict } from '../app/rules/audit-log.js';
import type { ChangeResult, DeleteResult, Paged, SaveOutcome } from '../app/rules/rule-store.js';
import type { RuleHead, RuleVersion, RuleVersionInfo } from '../app/rules/rule-records.js';
import type { ExecutionRecord } from '../app/executions/execution-record.js';
import type { IssueRunResult } from '../app/schedule/manual-run.js';
import type { RunBatch, ScheduledRun } from '../app/schedule/run-record.js';
import type { RunView } from '../app/schedule/run-queries.js';
import type { AppSettings } from '../app/settings/settings.js';
import { AUDIT_DAYS, RECORD_DAYS } from '../app/settings/retention-policy.js';
import type { PurgeStatus } from '../app/settings/purge-status.js';
// The page may import values from the contract only: the retention rules it checks before asking, and the phrase.
export { boundsOf, RETENTION_FIELDS, retentionIssues } from '../app/settings/retention-policy.js';
export { PURGE_PHRASE } from '../app/settings/purge-status.js';
import type { RuleStats } from '../app/executions/rule-stats.js';
import type { Page } from '../ports/storage.js';
import type { ValidationIssue } from '../core/rule/issue-codes.js';
import type { Rule } from '../core/rule/rule-schema.js';

const ruleId = z.string().min(1).max(64);
const cursor = z.string().min(1).max(2000).optional();
const limit = z.number().int().min(1).max(100).optional();
const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/, 'an issue key such as OPS-7').max(255);
const runId = z.string().min(1).max(200);
const retentionDays = (bounds: { min: number; max: number }) => z.number().int().min(bounds.min).max(bounds.max);

export const resolverPayloads = {
  /** Alphabetical; `namePrefix` narrows to names starting with it (case-insensitive, through the by-name index). */
  'rules.list': z.object({ cursor, limit, namePrefix: z.string().min(1).max(120).optional() }),
  'rules.get': z.object({ ruleId }),
  'rules.save': z.object({ document: z.unknown(), expectedVersion: z.number().int().min(0).nullable() }),
  /** All or nothing: every document is validated first, and nothing is written unless all of them are valid. */
  'rules.import': z.object({ documents: z.array(z.unknown()).min(1).max(100) }),
  /** Every rule's current document as one bundle (the settings page's export; `rules.import` takes its `rules`). */
  'rules.export': z.object({}),
  /** Per rule of a page of the list: runs and failures per UTC day for the last `days` days, and the last run. */
  'rules.stats': z.object({ ruleIds: z.array(ruleId).min(1).max(100), days: z.number().int().min(1).max(31).optional() }),
  'rules.setEnabled': z.object({ ruleId, enabled: z.boolean() }),
  'rules.delete': z.object({ ruleId }),
  'rules.versions': z.object({ ruleId, cursor, limit }),
  'rules.version': z.object({ ruleId, version: z.number().int().min(1) }),
  'executions.list': z.object({
    ruleId: ruleId.optional(),
    status: z.string().max(40).optional(),
    issueKey: z.string().max(255).optional(),
    /** ISO instants bounding startedAt (inclusive). */
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    cursor,
    limit,
  }),
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
  /** The app's settings: the pause-all switch and retention periods. */
  'settings.get': z.object({}),
  /** Pauses (or resumes) every rule at once; audited. Resumed schedule rules do not catch up on the paused time. */
  'settings.setPaused': z.object({ paused: z.boolean() }),
  /**
   * How long each kind of record is kept, in days (decision 0015); an absent kind keeps its period. Also refused at
   * its field: traceDays over executionDays, auditDays under the longest other period.
   */
  'settings.setRetention': z.object({
    executionDays: retentionDays(RECORD_DAYS).optional(),
    resultDays: retentionDays(RECORD_DAYS).optional(),
    traceDays: retentionDays(RECORD_DAYS).optional(),
    runDays: retentionDays(RECORD_DAYS).optional(),
    auditDays: retentionDays(AUDIT_DAYS).optional(),
  }),
  /** Deletes every key and entity item of the app, in queued steps; the exact phrase must be typed. */
  'data.deleteAll': z.object({ confirm: z.string().max(100) }),
  /** Where a deletion started by data.deleteAll is (idle when none ever ran or the last one finished). */
  'data.deleteStatus': z.object({}),
  'runs.list': z.object({ ruleId: ruleId.optional(), cursor, limit }),
  'runs.get': z.object({ runId }),
  /** A run's matched issues and their planned actions, a few batches at a time. */
  'runs.batches': z.object({ runId, cursor, limit: z.number().int().min(1).max(20).optional() }),
} as const;

export type ResolverKey = keyof typeof resolverPayloads;
export type ResolverPayload<K extends ResolverKey> = z.input<(typeof resolverPayloads)[K]>;
export const RESOLVER_KEYS = Object.keys(resolverPayloads) as ResolverKey[];

/** What each key answers when it succeeds (types only: nothing from the backend reaches the UI bundle). */
export interface ResolverResults {
  'rules.list': Paged<RuleHead>;
  'rules.get': { head: RuleHead; document: Rule };
  'rules.save': Extract<SaveOutcome, { ok: true }>;
  /** `saved` false: nothing was written, and `issues` says what is wrong in which document (`/<index>/<pointer>`). */
  'rules.import': { saved: true; results: Extract<SaveOutcome, { ok: true }>[] } | { saved: false; issues: ValidationIssue[] };
  'rules.export': RuleBundle;
  'rules.stats': { days: string[]; rules: RuleStats[] };
  'rules.setEnabled': Extract<ChangeResult, { ok: true }>;
  'rules.delete': Extract<DeleteResult, { ok: true }>;
  'rules.versions': Paged<RuleVersionInfo>;
  'rules.version': RuleVersion;
  /** Items as stored: `{ key, value }`, the value being the record. */
  'executions.list': Page<ExecutionRecord>;
  'executions.get': ExecutionRecord;
  'audit.list': AuditPage;
  'audit.verify': AuditVerdict;
  'runs.start': IssueRunResult | ScheduledRun;
  'rules.test': IssueRunResult;
  'settings.get': AppSettings;
  'settings.setPaused': AppSettings;
  'settings.setRetention': AppSettings;
  'data.deleteAll': PurgeStatus;
  'data.deleteStatus': PurgeStatus;
  'runs.list': Page<ScheduledRun>;
  'runs.get': RunView;
  'runs.batches': Page<RunBatch>;
}

/** The export format: every rule's current document. Importing it back recreates the rules (as new versions). */
export type RuleBundle = { format: 'ruleforge-rules'; formatVersion: 1; exportedAt: string; rules: Rule[] };

/** Every resolver answers this envelope: a result, or an error the UI can show at a field or as a banner. */
export type ResolverResponse<T> = { ok: true; result: T } | { ok: false; error: ResolverError };

export type ResolverError = {
  code: string;
  message: string;
  issues?: { path: string; code: string; message: string }[];
  /** CONFLICT: the rule's version now (null: it was deleted), so the page can say which one to reload. */
  currentVersion?: number | null;
};
