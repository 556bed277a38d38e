/**
 * Retention periods per kind of record, in days, and the rules between them (decision 0015). No imports: the admin
 * page checks the same bounds before it asks the backend, which checks them again.
 */
export type Retention = {
  /** `execution` records. */
  executionDays: number;
  /** `rule-result` items (what `record` actions store). */
  resultDays: number;
  /** The explain trace inside execution records and run claims; past it the trace goes and the record stays. */
  traceDays: number;
  /** `scheduled-run` with its `run-batch` and `run-progress` items. */
  runDays: number;
  /** `audit-entry`: the oldest entries go first, so what remains still verifies. */
  auditDays: number;
};

export type RetentionField = keyof Retention;
export const RETENTION_FIELDS = ['executionDays', 'resultDays', 'traceDays', 'runDays', 'auditDays'] as const satisfies readonly RetentionField[];

export const DEFAULT_RETENTION: Retention = { executionDays: 90, resultDays: 90, traceDays: 90, runDays: 90, auditDays: 730 };

/** Records: a day to two years. The audit log: one to ten years, and never shorter than any record it explains. */
export const RECORD_DAYS = { min: 1, max: 730 } as const;
export const AUDIT_DAYS = { min: 365, max: 3650 } as const;

export const boundsOf = (field: RetentionField): { min: number; max: number } => (field === 'auditDays' ? AUDIT_DAYS : RECORD_DAYS);

export type RetentionIssue = { field: RetentionField; message: string };

/** What is wrong with a complete set of periods, field by field (empty when it may be stored). */
export function retentionIssues(retention: Retention): RetentionIssue[] {
  const issues: RetentionIssue[] = [];
  for (const field of RETENTION_FIELDS) {
    const { min, max } = boundsOf(field);
    const value = retention[field];
    if (!Number.isInteger(value) || value < min || value > max) issues.push({ field, message: `A whole number of days from ${String(min)} to ${String(max)}.` });
  }
  if (issues.length > 0) return issues;
  if (retention.traceDays > retention.executionDays) issues.push({ field: 'traceDays', message: 'Traces live inside executions: keep them no longer than executions.' });
  const longest = Math.max(retention.executionDays, retention.resultDays, retention.runDays);
  if (retention.auditDays < longest) issues.push({ field: 'auditDays', message: `The audit log must outlive the records it explains: at least ${String(longest)} days.` });
  return issues;
}

/**
 * A stored value of any age as a complete set: settings saved before per-kind periods had only executionDays and
 * runDays; the kinds they lack take the defaults, clamped so the set still holds together.
 */
export function normalizeRetention(stored: Partial<Retention> | undefined): Retention {
  const merged: Retention = { ...DEFAULT_RETENTION, ...stored };
  const traceDays = stored?.traceDays ?? Math.min(DEFAULT_RETENTION.traceDays, merged.executionDays);
  const longest = Math.max(merged.executionDays, merged.resultDays, merged.runDays);
  return { ...merged, traceDays: Math.min(traceDays, merged.executionDays), auditDays: Math.max(merged.auditDays, longest) };
}

const DAY_SECONDS = 86_400;

/** The TTL a record written now carries: its kind's period, so Forge expires it even if the app never runs again. */
export const ttlSeconds = (days: number): number => days * DAY_SECONDS;
