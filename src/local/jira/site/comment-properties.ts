/**
 * Comment entity properties: set with the comment (`properties` on POST /issue/{key}/comment) and read with
 * GET /comment/{commentId}/properties/{propertyKey}. Limits are Jira's documented ones (key ≤ 255 characters, value
 * ≤ 32 KB of JSON); the messages are approximations, no real answer having been recorded (decision 0011).
 */
import { jsonResponse, type WireResponse } from '../../runtime/wire.js';
import { isRecord, type RequestContext } from './context.js';
import { fail } from './errors.js';
import type { Comment, Issue } from './model.js';
import { canBrowse } from './permissions.js';

const MAX_KEY_CHARS = 255;
const MAX_VALUE_BYTES = 32_768;

/** The `properties` of a comment create, checked as Jira checks EntityProperty[]; absent is none. */
export function commentProperties(given: unknown): Map<string, unknown> | undefined {
  if (given === undefined) return undefined;
  if (!Array.isArray(given)) fail(400, ["'properties' must be an array of {key, value}."]);
  const properties = new Map<string, unknown>();
  for (const item of given as unknown[]) {
    if (!isRecord(item) || Object.keys(item).some((k) => k !== 'key' && k !== 'value')) fail(400, ['A property is an object with a key and a value only.']);
    const { key, value } = item;
    if (typeof key !== 'string' || key.trim() === '') fail(400, ['The property key must not be empty.']);
    if (key.length > MAX_KEY_CHARS) fail(400, [`The property key can not be longer than ${String(MAX_KEY_CHARS)} characters.`]);
    if (value === undefined) fail(400, [`The property '${key}' has no value.`]);
    if (new TextEncoder().encode(JSON.stringify(value)).length > MAX_VALUE_BYTES) {
      fail(400, [`The property value can not be longer than ${String(MAX_VALUE_BYTES)} bytes.`]);
    }
    properties.set(key, structuredClone(value));
  }
  return properties;
}

/**
 * GET /rest/api/3/comment/{commentId}/properties/{propertyKey}. A comment on an issue the caller may not browse is
 * answered like a comment that does not exist, as the issue routes do, so ids do not leak.
 */
export function getCommentProperty(request: RequestContext): WireResponse {
  const commentId = request.params['commentId'] ?? '';
  const propertyKey = request.params['propertyKey'] ?? '';
  const found = findComment(request.site.state.issues, commentId);
  if (!found || !canBrowse(request.actor, request.site.state.projectOf(found.issue))) fail(404, [`Can not find a comment for the id: ${commentId}.`]);
  const properties = found.comment.properties;
  if (properties === undefined || !properties.has(propertyKey)) fail(404, [`The property with key '${propertyKey}' does not exist.`]);
  return jsonResponse(200, { key: propertyKey, value: properties.get(propertyKey) });
}

// A scan, not an index: the app reads a property only when it reconciles a retried comment, which is rare.
function findComment(issues: readonly Issue[], id: string): { issue: Issue; comment: Comment } | undefined {
  for (const issue of issues) {
    const comment = issue.comments.find((c) => c.id === id);
    if (comment) return { issue, comment };
  }
  return undefined;
}
