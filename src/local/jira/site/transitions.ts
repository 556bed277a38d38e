/**
 * GET and POST /issue/{issueIdOrKey}/transitions. The transitions offered are those of the project's workflow that
 * leave the issue's status (a global one from every status but its own target); a user without the Transition
 * Issues permission is offered none. Entering a done status sets a resolution (the request's, else "Done") and
 * leaving the done category clears it, as Jira's default workflows do.
 */
import { jsonResponse, type WireResponse } from '../../runtime/wire.js';
import { DEFAULT_RESOLUTION } from './catalog.js';
import { snapshot } from './changelog.js';
import { commitChange } from './commit.js';
import { idText, isRecord, objectBody, visibleIssue, type RequestContext } from './context.js';
import { fail, failFields, MESSAGES } from './errors.js';
import type { Issue, Status, Transition } from './model.js';
import { hasProjectPermission } from './permissions.js';
import { statusJson } from './representation.js';

export function availableTransitions(request: RequestContext, issue: Issue): readonly Transition[] {
  const { state } = request.site;
  return hasProjectPermission(request.actor, state.projectOf(issue), 'TRANSITION_ISSUES') ? state.transitionsFrom(issue) : [];
}

export function getTransitions(request: RequestContext): WireResponse {
  const issue = visibleIssue(request);
  const only = request.query.get('transitionId');
  const transitions = availableTransitions(request, issue)
    .filter((t) => only === null || t.id === only)
    .map((t) => ({
      id: t.id,
      name: t.name,
      to: statusJson(request.site, request.site.state.statuses.get(t.to) as Status),
      hasScreen: false,
      isGlobal: t.from === 'any',
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));
  return jsonResponse(200, { expand: 'transitions', transitions });
}

export function doTransition(request: RequestContext): WireResponse {
  const issue = visibleIssue(request);
  const body = objectBody(request);
  const ref = isRecord(body.transition) ? body.transition.id : undefined;
  const id = typeof ref === 'number' ? String(ref) : ref;
  if (typeof id !== 'string' || !/^\d+$/.test(id)) fail(400, ["'transition' identifier must be an integer"]);
  const transition = availableTransitions(request, issue).find((t) => t.id === id);
  if (!transition) fail(400, [MESSAGES.transitionNotValid(id)]);

  const { state } = request.site;
  const toDone = state.statuses.get(transition.to)?.category === 'done';
  const fields = isRecord(body.fields) ? body.fields : {};
  const update = isRecord(body.update) ? body.update : {};
  const errors: Record<string, string> = {};
  // The site's transitions have no screens: only the resolution, on the way into a done status, can be set.
  for (const fieldId of [...Object.keys(fields), ...Object.keys(update)]) {
    if (fieldId !== 'resolution' || !toDone || Object.hasOwn(update, fieldId)) errors[fieldId] = MESSAGES.cannotSet(fieldId);
  }
  const draft = snapshot(issue);
  draft.statusId = transition.to;
  if (!toDone) draft.resolutionId = null;
  else if (fields.resolution !== undefined && errors.resolution === undefined) {
    const wanted = isRecord(fields.resolution) ? fields.resolution : {};
    const resolution = [...state.resolutions.values()].find((r) => (wanted.id !== undefined ? r.id === idText(wanted.id) : r.name === wanted.name));
    if (resolution) draft.resolutionId = resolution.id;
    else errors.resolution = `Specify a valid resolution (id or name); ${JSON.stringify(fields.resolution)} is not one.`;
  } else draft.resolutionId ??= DEFAULT_RESOLUTION;
  if (Object.keys(errors).length > 0) failFields(errors);
  commitChange(request.site, issue, draft, ['resolution', 'status'], request.actor);
  return { status: 204 };
}
