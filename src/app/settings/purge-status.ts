/**
 * The marker of a "delete all app data" in progress: one plain key, written when it starts and deleted by its very
 * last step (together with the settings item), so a finished deletion leaves nothing behind, this included.
 */
export const PURGE_KEY = 'purge:status';

/** The phrase an admin types to confirm; anything else is refused and nothing is deleted. */
export const PURGE_PHRASE = 'DELETE ALL DATA';

export type PurgeMarker = {
  startedAt: string;
  requestedBy: string;
  /** Steps taken and items deleted so far (a redelivered step may count some twice: progress, not an inventory). */
  steps: number;
  deleted: number;
  /** What the last step was deleting (an entity name, or `keys`). */
  current: string;
  updatedAt: string;
};

/** idle: no deletion under way (none ever started, or the last one finished and took its marker with it). */
export type PurgeStatus = { state: 'idle' } | ({ state: 'deleting' } & PurgeMarker);
