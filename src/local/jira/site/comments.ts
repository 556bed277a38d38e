/**
 * GET and POST /issue/{issueIdOrKey}/comment. Bodies are ADF both ways; a POST may carry entity properties
 * (comment-properties.ts). A new comment moves the issue's `updated` and raises avi:jira:commented:issue; Jira records
 * no changelog item for a comment, and neither does the site.
 */
import { jsonResponse, type WireResponse } from '../../runtime/wire.js';
import { adfToText, isAdfDocument } from './adf.js';
import { commentProperties } from './comment-properties.js';
import { objectBody, visibleIssue, type RequestContext } from './context.js';
import { fail, failFields, MESSAGES } from './errors.js';
import { commentedEvent } from './events.js';
import type { Comment } from './model.js';
import { intParam } from './paging.js';
import { hasProjectPermission } from './permissions.js';
import { commentJson } from './representation.js';

const DEFAULT_MAX_RESULTS = 100;
const MAX_MAX_RESULTS = 5000;
const MAX_COMMENT_CHARS = 32_767;

export function getComments(request: RequestContext): WireResponse {
  const issue = visibleIssue(request);
  const startAt = intParam(request.query, 'startAt', 0, 0);
  const maxResults = Math.min(intParam(request.query, 'maxResults', DEFAULT_MAX_RESULTS, 0), MAX_MAX_RESULTS);
  const orderBy = request.query.get('orderBy');
  if (orderBy !== null && !['created', '+created', '-created'].includes(orderBy)) {
    fail(400, [`The 'orderBy' parameter must be created, +created or -created; it was '${orderBy}'.`]);
  }
  const ordered = orderBy === '-created' ? [...issue.comments].reverse() : issue.comments;
  const page = ordered.slice(startAt, startAt + maxResults);
  return jsonResponse(200, {
    startAt,
    maxResults,
    total: issue.comments.length,
    comments: page.map((comment) => commentJson(request.site, issue, comment)),
  });
}

export function addComment(request: RequestContext): WireResponse {
  const issue = visibleIssue(request);
  const { site, actor } = request;
  if (!hasProjectPermission(actor, site.state.projectOf(issue), 'ADD_COMMENTS')) fail(403, [MESSAGES.noCommentPermission]);
  const given = objectBody(request);
  const body = given.body;
  if (body === undefined || body === null || body === '') failFields({ comment: MESSAGES.emptyComment });
  if (!isAdfDocument(body)) failFields({ comment: MESSAGES.notAdf });
  const text = adfToText(body);
  if (text.trim() === '') failFields({ comment: MESSAGES.emptyComment });
  if (text.length > MAX_COMMENT_CHARS) {
    failFields({ comment: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.' });
  }
  const properties = commentProperties(given['properties']);
  const now = site.clock.now();
  const comment: Comment = {
    id: site.state.nextCommentId(), author: actor.accountId, body: structuredClone(body), created: now, updated: now, ...(properties ? { properties } : {}),
  };
  issue.comments.push(comment);
  issue.updated = now;
  site.state.touch(issue);
  site.emit(commentedEvent(site, issue, comment, actor.accountId));
  return jsonResponse(201, commentJson(site, issue, comment));
}
