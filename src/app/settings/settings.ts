import type { StoragePort } from '../../ports/storage.js';
import { APP_WIDE, commitAudited } from '../rules/audit-log.js';
import { DEFAULT_RETENTION, RETENTION_FIELDS, retentionIssues, type Retention, type RetentionIssue } from './retention-policy.js';
import { noteRetention, settingsRef } from './retention-now.js';

export { settingsRef };

/** The app's settings (one `settings` entry): the pause-all switch and retention periods. */
export type AppSettings = {
  paused: boolean;
  /** When and by whom the switch was last moved (either way); null before it ever was. */
  pausedChangedAt: string | null;
  pausedChangedBy: string | null;
  /** Days per kind of record (retention-policy.ts); settings stored before per-kind periods read with defaults. */
  retention: Retention;
  /** Counts changes; every write is conditional on it, so two admins' changes never overwrite each other. */
  writes: number;
};

export const DEFAULT_SETTINGS: AppSettings = {
  paused: false,
  pausedChangedAt: null,
  pausedChangedBy: null,
  retention: DEFAULT_RETENTION,
  writes: 0,
};

export async function readSettings(storage: StoragePort): Promise<AppSettings> {
  const stored = await storage.get<Partial<Omit<AppSettings, 'retention'>> & { retention?: Partial<Retention> }>(settingsRef);
  const retention = noteRetention(storage, stored?.retention);
  return stored === undefined ? { ...DEFAULT_SETTINGS, retention } : { ...DEFAULT_SETTINGS, ...stored, retention };
}

type Change = { settings: AppSettings; action: 'pause' | 'resume' | 'settings'; summary: string } | undefined;

/**
 * Applies a change to the settings with its audit entry in one transaction (so the active ruleset's settle check
 * sees it, and the log records who paused what when). No entry and no write when nothing changes.
 */
async function change(storage: StoragePort, now: () => number, actor: string, decide: (current: AppSettings, at: string) => Change): Promise<AppSettings> {
  return commitAudited<AppSettings>(storage, now, async (at) => {
    const current = await readSettings(storage);
    const next = decide(current, new Date(at).toISOString());
    if (next === undefined) return { done: current };
    const value: AppSettings = { ...next.settings, writes: current.writes + 1 };
    return {
      // Entity attributes have types: an unset time is left out rather than stored as null.
      ops: [{ op: 'set', ref: settingsRef, value: Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)), condition: current.writes === 0 ? { attribute: 'writes', notExists: true } : { attribute: 'writes', equalTo: current.writes } }],
      audit: { actor, action: next.action, ruleId: APP_WIDE, version: value.writes, summary: next.summary },
      result: () => value,
    };
  });
}

export function setPaused(storage: StoragePort, now: () => number, actor: string, paused: boolean): Promise<AppSettings> {
  return change(storage, now, actor, (current, at) => (current.paused === paused ? undefined : {
    settings: { ...current, paused, pausedChangedAt: at, pausedChangedBy: actor },
    action: paused ? 'pause' : 'resume',
    summary: paused ? 'Paused all rules' : 'Resumed all rules',
  }));
}

const LABELS: Record<keyof Retention, string> = { executionDays: 'executions', resultDays: 'results', traceDays: 'traces', runDays: 'scheduled runs', auditDays: 'audit log' };

export type RetentionChange = { ok: true; settings: AppSettings } | { ok: false; issues: RetentionIssue[] };

/**
 * Sets some or all periods (an absent one keeps its value), checked as a whole set. A shorter period reaches
 * existing records through the tick's sweep; a longer one only records written from now on (their TTLs).
 */
export async function setRetention(storage: StoragePort, now: () => number, actor: string, wanted: Partial<Retention>): Promise<RetentionChange> {
  let issues: RetentionIssue[] = [];
  const settings = await change(storage, now, actor, (current) => {
    const merged: Retention = { ...current.retention, ...wanted };
    // A period not given follows the ones given: traces never outlive executions, the log outlives every record.
    const next: Retention = {
      ...merged,
      traceDays: wanted.traceDays ?? Math.min(merged.traceDays, merged.executionDays),
      auditDays: wanted.auditDays ?? Math.max(merged.auditDays, merged.executionDays, merged.resultDays, merged.runDays),
    };
    issues = retentionIssues(next);
    const changed = RETENTION_FIELDS.filter((field) => next[field] !== current.retention[field]);
    if (issues.length > 0 || changed.length === 0) return undefined;
    return {
      settings: { ...current, retention: next },
      action: 'settings',
      summary: `Retention: ${changed.map((field) => `${LABELS[field]} ${String(current.retention[field])} → ${String(next[field])} days`).join(', ')}`,
    };
  });
  if (issues.length > 0) return { ok: false, issues };
  noteRetention(storage, settings.retention);
  return { ok: true, settings };
}
