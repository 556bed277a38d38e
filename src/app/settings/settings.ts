import type { StoragePort } from '../../ports/storage.js';
import { APP_WIDE, commitAudited } from '../rules/audit-log.js';

/** The app's settings (one `settings` entry): the pause-all switch and retention periods. */
export type AppSettings = {
  paused: boolean;
  /** When and by whom the switch was last moved (either way); null before it ever was. */
  pausedChangedAt: string | null;
  pausedChangedBy: string | null;
  retention: { executionDays: number; runDays: number };
  /** Counts changes; every write is conditional on it, so two admins' changes never overwrite each other. */
  writes: number;
};

export const DEFAULT_SETTINGS: AppSettings = {
  paused: false,
  pausedChangedAt: null,
  pausedChangedBy: null,
  retention: { executionDays: 90, runDays: 90 },
  writes: 0,
};

export const settingsRef = { entity: 'settings', key: 'app' } as const;

export async function readSettings(storage: StoragePort): Promise<AppSettings> {
  const stored = await storage.get<Partial<AppSettings>>(settingsRef);
  return stored === undefined ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, ...stored, retention: { ...DEFAULT_SETTINGS.retention, ...stored.retention } };
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

export function setRetention(storage: StoragePort, now: () => number, actor: string, retention: AppSettings['retention']): Promise<AppSettings> {
  return change(storage, now, actor, (current) => {
    const { executionDays, runDays } = current.retention;
    if (executionDays === retention.executionDays && runDays === retention.runDays) return undefined;
    return {
      settings: { ...current, retention: { ...retention } },
      action: 'settings',
      summary: `Retention: executions ${String(executionDays)} → ${String(retention.executionDays)} days, scheduled runs ${String(runDays)} → ${String(retention.runDays)} days`,
    };
  });
}
