/**
 * Page cursors. Forge's are opaque and "should not be persisted" (storage-api-query); ours are base64url JSON of the
 * last item's position, so a page boundary survives writes between pages.
 */
import { Codes, fail } from './errors.js';

export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw === '' || !/^[A-Za-z0-9_-]+$/.test(raw)) fail(Codes.INVALID_CURSOR, 'The cursor is not one this store issued.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    fail(Codes.INVALID_CURSOR, 'The cursor is not one this store issued.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(Codes.INVALID_CURSOR, 'The cursor is not one this store issued.');
  return parsed as Record<string, unknown>;
}
