/**
 * Jira's error body is an ErrorCollection: `{errorMessages: [...], errors: {field: message}}`, both always present.
 * Handlers throw a JiraError anywhere below the router, which turns it into the response, so validation code can
 * stop at the first problem without threading results back up.
 */
import { jsonResponse, type WireResponse } from '../../runtime/wire.js';

export type ErrorCollection = { errorMessages: string[]; errors: Record<string, string> };

export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorCollection,
  ) {
    super(body.errorMessages[0] ?? Object.values(body.errors)[0] ?? `HTTP ${String(status)}`);
    this.name = 'JiraError';
  }

  response(): WireResponse {
    return jsonResponse(this.status, this.body);
  }
}

export function fail(status: number, errorMessages: string[], errors: Record<string, string> = {}): never {
  throw new JiraError(status, { errorMessages, errors });
}

export function failFields(errors: Record<string, string>): never {
  throw new JiraError(400, { errorMessages: [], errors });
}

/** Jira's words where a real response was found; see docs/decisions/0011-simulated-jira-site.md. */
export const MESSAGES = {
  issueNotFound: 'Issue does not exist or you do not have permission to see it.',
  unauthenticated: 'You are not authenticated. Authentication required to perform this operation.',
  cannotSet: (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`,
  bothFieldsAndUpdate: (field: string) => `Field '${field}' cannot appear in both 'fields' and 'update'`,
  noEditPermission: 'You do not have permission to edit issues in this project.',
  noCommentPermission: 'You do not have the permission to comment on this issue.',
  noAssignPermission: 'You do not have permission to assign issues.',
  noDeletePermission: 'You do not have permission to delete issues in this project.',
  noCreatePermission: 'You do not have permission to create issues in this project.',
  transitionNotValid: (id: string) => `Transition id '${id}' is not valid for this issue.`,
  summaryRequired: 'You must specify a summary of the issue.',
  summaryTooLong: 'Summary must be less than 255 characters.',
  notAdf: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
  labelSpaces: (label: string) => `The label '${label}' contains spaces which is invalid.`,
  cannotAssign: (account: string) => `User '${account}' cannot be assigned issues.`,
  badDate: (text: string) => `Error parsing date string: ${text}`,
  emptyComment: 'Comment body can not be empty!',
  permissionsRequired: "The 'permissions' query parameter is required.",
} as const;
