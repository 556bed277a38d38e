/** An issue as the JQL evaluator reads it; the simulated site maps its store into this shape. */
export type JqlIssue = {
  id: string;
  key: string;
  project: { id: string; key: string; name: string };
  issueType: { id: string; name: string };
  /** Status category names in JQL: new = "To Do", indeterminate = "In Progress", done = "Done". */
  status: { id: string; name: string; category: 'new' | 'indeterminate' | 'done' };
  priority: { id: string; name: string } | null;
  /** accountId */
  assignee: string | null;
  /** accountId */
  reporter: string | null;
  labels: string[];
  /** epoch ms */
  created: number;
  /** epoch ms */
  updated: number;
  /** 'YYYY-MM-DD' */
  duedate: string | null;
  resolution: { id: string; name: string } | null;
  summary: string;
  /** Plain text, for ~. */
  description: string;
  /** By field id (customfield_10010): number, string, string[], option {value} or [{value}], date string… */
  custom: Record<string, unknown>;
};

export type JqlCustomField = {
  id: string;
  name: string;
  type: 'number' | 'string' | 'date' | 'datetime' | 'labels' | 'option';
};

/**
 * What the site knows beyond the issues, all optional. A list given here makes values for that field checked
 * as Jira checks them ("The value 'X' does not exist for the field 'project'.") and sets the sort order of
 * statuses, priorities (highest first) and the like; without it values are compared with the issues' own.
 */
export type JqlCatalog = {
  projects?: { id: string; key: string; name: string }[] | undefined;
  issueTypes?: { id: string; name: string }[] | undefined;
  statuses?: { id: string; name: string }[] | undefined;
  /** Highest first. */
  priorities?: { id: string; name: string }[] | undefined;
  resolutions?: { id: string; name: string }[] | undefined;
  users?: { accountId: string; displayName?: string | undefined; emailAddress?: string | undefined }[] | undefined;
};

export type JqlContext = {
  /** epoch ms: what now() and relative dates count from. */
  now: number;
  /** accountId of the searcher; null when anonymous. */
  currentUser: string | null;
  /** IANA zone of the searcher: startOfDay() and date-only values are read in it. */
  timeZone: string;
  customFields: JqlCustomField[];
  catalog?: JqlCatalog | undefined;
};
