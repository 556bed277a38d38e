/**
 * What the simulated Jira site holds. Issues keep ids, not copies, of their project, type, status and the like, so
 * one catalogue change shows everywhere, and REST representations are built from these records on every read
 * (representation.ts), never stored.
 */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

/** Jira's three built-in status categories, with the ids and colours Jira Cloud gives them. */
export type StatusCategory = { id: number; key: StatusCategoryKey; name: string; colorName: string };

export type Status = { id: string; name: string; description: string; category: StatusCategoryKey };

export type IssueType = { id: string; name: string; description: string; avatarId: number };

export type Priority = { id: string; name: string; statusColor: string };

export type Resolution = { id: string; name: string; description: string };

/** A workflow transition. `from: 'any'` is a global transition, available from every status but its target. */
export type Transition = { id: string; name: string; from: readonly string[] | 'any'; to: string };

export type Workflow = { name: string; initialStatus: string; statuses: readonly string[]; transitions: readonly Transition[] };

/** What a user may do in one project: Jira's permission scheme, reduced to three roles. */
export type ProjectRole = 'administrator' | 'member' | 'viewer';

export type User = {
  accountId: string;
  displayName: string;
  emailAddress: string;
  /** 'customer': a service-desk portal account (imported only), which has no project role. */
  accountType: 'atlassian' | 'app' | 'customer';
  active: boolean;
  timeZone: string;
  /** A site admin (the ADMINISTER global permission); project access is still by role. */
  admin: boolean;
  /** Project key → role; '*' applies to every project. No entry: the user cannot browse the project. */
  roles: Readonly<Record<string, ProjectRole>>;
};

export type Project = {
  id: string;
  key: string;
  name: string;
  description: string;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  lead: string;
  workflow: string;
  issueTypes: readonly string[];
};

export type CustomFieldType = 'number' | 'string' | 'date' | 'option';

export type CustomField = {
  id: string;
  name: string;
  type: CustomFieldType;
  description: string;
  /** Select list options, for type 'option'. */
  options?: readonly { id: string; value: string }[];
};

/** ADF: kept as the JSON the client sent (after validation), so a GET returns the same document. */
export type AdfDocument = { type: 'doc'; version: 1; content: unknown[] };

export type CustomValue = number | string | { id: string; value: string };

export type ChangeItem = {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
};

export type History = { id: string; author: string; created: number; items: ChangeItem[] };

export type Comment = {
  id: string;
  author: string;
  body: AdfDocument;
  created: number;
  updated: number;
  /** Entity properties given when the comment was created (comment-properties.ts); absent when none were. */
  properties?: Map<string, unknown>;
};

export type Issue = {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  priorityId: string | null;
  assignee: string | null;
  reporter: string | null;
  creator: string;
  /** Sorted and unique, as Jira keeps them. */
  labels: string[];
  created: number;
  updated: number;
  statusCategoryChanged: number;
  /** 'YYYY-MM-DD' */
  duedate: string | null;
  resolutionId: string | null;
  resolutionDate: number | null;
  summary: string;
  description: AdfDocument | null;
  custom: Record<string, CustomValue>;
  comments: Comment[];
  history: History[];
};
