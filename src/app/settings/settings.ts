/** The app's settings (one `settings` entry): the pause-all switch and retention periods. */
export type AppSettings = {
  paused: boolean;
  /** When and by whom the switch was last moved (either way); null before it ever was. */
  pausedChangedAt: string | null;
  pausedChangedBy: string | null;
  retention: { executionDays: number; runDays: number };
};

export const DEFAULT_SETTINGS: AppSettings = {
  paused: false,
  pausedChangedAt: null,
  pausedChangedBy: null,
  retention: { executionDays: 90, runDays: 90 },
};
