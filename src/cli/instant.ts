const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;

/**
 * An instant from an option (--from, --now): undefined when absent, null when not an instant. A date-time without Z
 * or an offset is refused: JavaScript would read it in the machine's zone, so the same command would print
 * different times on a laptop and in CI. A date alone is midnight UTC.
 */
export function parseInstant(text: string | boolean | undefined): Date | null | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !ISO_INSTANT.test(text)) return null;
  const date = new Date(text);
  // JavaScript rolls 2026-02-30 over to 2 March; an admin who typed it made a mistake.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  const realDay = calendar.getUTCMonth() + 1 === month && calendar.getUTCDate() === day;
  return Number.isNaN(date.getTime()) || !realDay ? null : date;
}
