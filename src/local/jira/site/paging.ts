/** Query-parameter numbers and the opaque page tokens of /search/jql. */
import { createHash } from 'node:crypto';
import { fail } from './errors.js';

/** An integer query parameter, `fallback` when absent; Jira answers 400 for one that is not a number. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) fail(400, [`The value '${raw}' of the '${name}' parameter is not a number.`]);
  return Math.max(min, Number(raw));
}

/**
 * A token names the position after the last issue returned and the query it belongs to, so a token cannot be
 * replayed against another query. Jira's tokens are opaque too; clients must not read them.
 */
export function pageToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint.slice(0, 16) })).toString('base64url');
}

export function readPageToken(token: string, fingerprint: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o > 0 && parsed.q === fingerprint.slice(0, 16)) return parsed.o;
  } catch {
    // fall through: not a token this site issued
  }
  return fail(400, ['The nextPageToken is not valid for this query.']);
}

export function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
