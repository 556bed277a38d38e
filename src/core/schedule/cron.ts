import { CronExpressionParser, type CronExpression } from 'cron-parser';

/**
 * A rule's cron: five fields (minute hour day-of-month month day-of-week) read in the rule's IANA time zone.
 * cron-parser accepts more than the spec promises (seconds, @macros, `?`, `H`); those are refused here so a rule
 * means the same thing in every tool that reads it. `L` and `#` stay: cronstrue describes them and admins ask for
 * "last Friday of the month".
 */
export type CronProblem = {
  code: 'INVALID_CRON' | 'UNSUPPORTED_CRON_FEATURE' | 'CRON_NEVER_DUE' | 'CRON_TOO_FREQUENT' | 'UNKNOWN_TIMEZONE';
  message: string;
};
export type CronResult = { ok: true; expression: CronExpression } | { ok: false; problem: CronProblem };

/** Forge's most frequent scheduled trigger: a cron due more often can only be honoured once per tick. */
export const TICK_MINUTES = 5;

const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;
const FIELD_TOKEN = /^[0-9A-Za-z*,/#-]+$/;

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function unsupported(message: string): CronResult {
  return { ok: false, problem: { code: 'UNSUPPORTED_CRON_FEATURE', message } };
}

/** Checks the cron's shape before cron-parser sees it: the features we refuse are ones cron-parser would accept. */
function checkShape(cron: string): CronResult | undefined {
  const text = cron.trim();
  if (text.startsWith('@')) {
    return unsupported(`"${text}" is a shorthand; write the five fields instead (for example "0 0 * * *" for daily).`);
  }
  const fields = text.split(/\s+/);
  if (fields.length === 6 || fields.length === 7) {
    return unsupported(`Cron has ${fields.length} fields; seconds and years are not supported. Use five: minute hour day-of-month month day-of-week.`);
  }
  if (fields.length !== 5) {
    return { ok: false, problem: { code: 'INVALID_CRON', message: `Cron needs five fields (minute hour day-of-month month day-of-week); found ${fields.length}.` } };
  }
  for (const [i, field] of fields.entries()) {
    const name = FIELD_NAMES[i] ?? 'field';
    if (field.includes('?')) return unsupported(`"?" in the ${name} field is not supported; use "*".`);
    if (/[Ww]/.test(field) && i === 2) return unsupported('"W" (nearest weekday) is not supported.');
    if (/^H|[^A-Za-z]H/.test(field)) return unsupported('"H" (hashed values) is not supported; pick a fixed minute or hour.');
    if (field.includes('#') && i !== 4) return unsupported(`"#" is only allowed in the day-of-week field, not in ${name}.`);
    if (!FIELD_TOKEN.test(field)) {
      return { ok: false, problem: { code: 'INVALID_CRON', message: `The ${name} field "${field}" has characters a cron does not use.` } };
    }
  }
  return undefined;
}

/** The smallest gap in minutes between two consecutive due minutes within an hour, and across the hour boundary. */
function tooFrequent(expression: CronExpression): boolean {
  const minutes = [...expression.fields.minute.values].map(Number).sort((a, b) => a - b);
  for (let i = 1; i < minutes.length; i++) {
    if ((minutes[i] ?? 0) - (minutes[i - 1] ?? 0) < TICK_MINUTES) return true;
  }
  const hours = [...expression.fields.hour.values].map(Number);
  const first = minutes[0];
  const last = minutes[minutes.length - 1];
  if (first === undefined || last === undefined) return false;
  const wrapGap = first + 60 - last;
  const consecutiveHours = hours.length === 24 || hours.some((h) => hours.includes((h + 1) % 24));
  return wrapGap < TICK_MINUTES && consecutiveHours && minutes.length > 1;
}

/**
 * Parses a cron in a zone. `from` only anchors the "is it ever due" check; the result is the same for any date.
 * Never throws.
 */
export function parseCron(cron: string, timezone: string, from: Date = new Date(Date.UTC(2026, 0, 1))): CronResult {
  if (!isKnownTimeZone(timezone)) {
    return { ok: false, problem: { code: 'UNKNOWN_TIMEZONE', message: `"${timezone}" is not an IANA time zone (for example "Europe/Berlin" or "UTC").` } };
  }
  const shape = checkShape(cron);
  if (shape) return shape;
  let expression: CronExpression;
  try {
    expression = CronExpressionParser.parse(cron.trim(), { tz: timezone, currentDate: from });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/explicit day of month/i.test(detail)) {
      return { ok: false, problem: { code: 'CRON_NEVER_DUE', message: `This cron is never due: no month has that day. (${detail})` } };
    }
    return { ok: false, problem: { code: 'INVALID_CRON', message: `Not a valid cron: ${detail}.` } };
  }
  try {
    expression.next();
    expression.reset(from);
  } catch {
    return { ok: false, problem: { code: 'CRON_NEVER_DUE', message: 'This cron is never due.' } };
  }
  if (tooFrequent(expression)) {
    return {
      ok: false,
      problem: { code: 'CRON_TOO_FREQUENT', message: `Due times are less than ${TICK_MINUTES} minutes apart, but Forge's scheduler ticks every ${TICK_MINUTES} minutes; use "*/${TICK_MINUTES}" or a wider step.` },
    };
  }
  return { ok: true, expression };
}
