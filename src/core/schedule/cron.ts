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

// Building an Intl.DateTimeFormat costs about 100 µs; zones are few, so each answer is kept (bounded, for hostile input).
const knownZones = new Map<string, boolean>();

export function isKnownTimeZone(zone: string): boolean {
  const cached = knownZones.get(zone);
  if (cached !== undefined) return cached;
  let known: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    known = true;
  } catch {
    known = false;
  }
  if (knownZones.size < 1000) knownZones.set(zone, known);
  return known;
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

/** A fixed date for parses whose verdict does not depend on the date: the core never reads the clock. */
const ANCHOR = new Date(Date.UTC(2026, 0, 1));

/**
 * Parses a cron in a zone, ready to compute due times from `from` (the zone matters from here on). Never throws.
 */
export function parseCron(cron: string, timezone: string, from: Date = ANCHOR): CronResult {
  if (!isKnownTimeZone(timezone)) return unknownZone(timezone);
  return parseFields(cron, { tz: timezone, currentDate: from });
}

/**
 * The validator's check: the same verdict as parseCron, without placing the cron in its zone. Placing it costs
 * zone arithmetic the verdict does not depend on (the fields and the zone's validity decide it), and the validator
 * runs on every save and import.
 */
export function checkCron(cron: string, timezone: string): CronProblem[] {
  const problems: CronProblem[] = [];
  if (!isKnownTimeZone(timezone)) problems.push(unknownZone(timezone).problem);
  // The fields' verdict does not depend on the zone, so a wrong zone does not hide a wrong cron.
  const fields = fieldsVerdict(cron);
  if (fields) problems.push(fields);
  return problems;
}

// cron-parser builds dates with luxon even to parse (about 0.3 ms); a cron's verdict never changes and the validator
// sees the same few crons on every save and ruleset rebuild. Bounded, because documents are untrusted.
const fieldVerdicts = new Map<string, CronProblem | null>();

function fieldsVerdict(cron: string): CronProblem | undefined {
  let verdict = fieldVerdicts.get(cron);
  if (verdict === undefined) {
    const parsed = parseFields(cron, { tz: 'UTC', currentDate: ANCHOR });
    verdict = parsed.ok ? null : parsed.problem;
    if (fieldVerdicts.size >= 500) fieldVerdicts.clear();
    fieldVerdicts.set(cron, verdict);
  }
  return verdict ?? undefined;
}

function unknownZone(timezone: string): { ok: false; problem: CronProblem } {
  return { ok: false, problem: { code: 'UNKNOWN_TIMEZONE', message: `"${timezone}" is not an IANA time zone (for example "Europe/Berlin" or "UTC").` } };
}

function parseFields(cron: string, options: { tz?: string; currentDate?: Date }): CronResult {
  const shape = checkShape(cron);
  if (shape) return shape;
  let expression: CronExpression;
  try {
    expression = CronExpressionParser.parse(cron.trim(), options);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/explicit day of month/i.test(detail)) {
      return { ok: false, problem: { code: 'CRON_NEVER_DUE', message: `This cron is never due: no month has that day. (${detail})` } };
    }
    return { ok: false, problem: { code: 'INVALID_CRON', message: `Not a valid cron: ${detail}.` } };
  }
  // parse() has already refused the only crons that are never due (a day of month no listed month has); `L` and `#`
  // always have a date, so no costly expression.next() is needed to prove one exists.
  if (tooFrequent(expression)) {
    return {
      ok: false,
      problem: { code: 'CRON_TOO_FREQUENT', message: `Due times are less than ${TICK_MINUTES} minutes apart, but Forge's scheduler ticks every ${TICK_MINUTES} minutes; use "*/${TICK_MINUTES}" or a wider step.` },
    };
  }
  return { ok: true, expression };
}
