/**
 * The site's configuration: the same on every start, so rule documents, tests and docs can name its projects,
 * statuses, transitions, fields and users. Ids follow Jira Cloud's defaults where Jira has them (status categories
 * 2/4/3, priorities 1–5, "In Progress" 3, "Resolved" 5) and Jira's 10000+ range for everything a site creates.
 */
import type {
  CustomField, IssueType, Priority, Project, Resolution, Status, StatusCategory, StatusCategoryKey, User, Workflow,
} from './model.js';

export const STATUS_CATEGORIES: Readonly<Record<StatusCategoryKey, StatusCategory>> = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
};

export const STATUSES: readonly Status[] = [
  { id: '10000', name: 'To Do', description: 'Work that has not started.', category: 'new' },
  { id: '3', name: 'In Progress', description: 'This issue is being actively worked on.', category: 'indeterminate' },
  { id: '10001', name: 'In Review', description: 'Waiting for a review.', category: 'indeterminate' },
  { id: '10002', name: 'Done', description: 'Work that is finished.', category: 'done' },
  { id: '1', name: 'Open', description: 'The issue is open and ready for the assignee to start work on it.', category: 'new' },
  { id: '10003', name: 'Investigating', description: 'Someone is finding the cause.', category: 'indeterminate' },
  { id: '10004', name: 'Waiting for customer', description: 'Waiting for an answer from the customer.', category: 'indeterminate' },
  { id: '5', name: 'Resolved', description: 'A resolution has been taken.', category: 'done' },
  { id: '6', name: 'Closed', description: 'The issue is considered finished.', category: 'done' },
];

export const ISSUE_TYPES: readonly IssueType[] = [
  { id: '10001', name: 'Story', description: 'Functionality or a feature expressed as a user goal.', avatarId: 10315 },
  { id: '10002', name: 'Task', description: 'A small, distinct piece of work.', avatarId: 10318 },
  { id: '10003', name: 'Bug', description: 'A problem or error.', avatarId: 10303 },
  { id: '10004', name: 'Incident', description: 'An unplanned interruption to a service.', avatarId: 10304 },
];

/** Jira Cloud's default priority scheme, highest first. */
export const PRIORITIES: readonly Priority[] = [
  { id: '1', name: 'Highest', statusColor: '#d04437' },
  { id: '2', name: 'High', statusColor: '#f15C75' },
  { id: '3', name: 'Medium', statusColor: '#f79232' },
  { id: '4', name: 'Low', statusColor: '#707070' },
  { id: '5', name: 'Lowest', statusColor: '#999999' },
];
export const DEFAULT_PRIORITY = '3';

export const RESOLUTIONS: readonly Resolution[] = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue won’t be actioned.' },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: '10003', name: 'Cannot Reproduce', description: 'This issue could not be reproduced at this time.' },
];
/** What a transition into a done status sets when the request names no resolution (Jira's usual screen default). */
export const DEFAULT_RESOLUTION = '10000';

export const WORKFLOWS: readonly Workflow[] = [
  {
    name: 'Software Development',
    initialStatus: '10000',
    statuses: ['10000', '3', '10001', '10002'],
    transitions: [
      { id: '11', name: 'Start progress', from: ['10000'], to: '3' },
      { id: '21', name: 'Request review', from: ['3'], to: '10001' },
      { id: '31', name: 'Done', from: 'any', to: '10002' },
      { id: '41', name: 'Back to in progress', from: ['10001'], to: '3' },
      { id: '51', name: 'Reopen', from: ['10002'], to: '10000' },
      { id: '61', name: 'Stop progress', from: ['3'], to: '10000' },
    ],
  },
  {
    name: 'Support',
    initialStatus: '1',
    statuses: ['1', '10003', '10004', '5', '6'],
    transitions: [
      { id: '11', name: 'Investigate', from: ['1', '10004'], to: '10003' },
      { id: '21', name: 'Wait for customer', from: ['10003'], to: '10004' },
      { id: '31', name: 'Resolve', from: ['1', '10003', '10004'], to: '5' },
      { id: '41', name: 'Close', from: ['5'], to: '6' },
      { id: '51', name: 'Reopen', from: ['5', '6'], to: '1' },
    ],
  },
  {
    // Team-managed projects' default: every status reachable from every other.
    name: 'Simple',
    initialStatus: '10000',
    statuses: ['10000', '3', '10002'],
    transitions: [
      { id: '11', name: 'To Do', from: 'any', to: '10000' },
      { id: '21', name: 'In Progress', from: 'any', to: '3' },
      { id: '31', name: 'Done', from: 'any', to: '10002' },
    ],
  },
];

export const CUSTOM_FIELDS: readonly CustomField[] = [
  { id: 'customfield_10010', name: 'Story Points', type: 'number', description: 'Estimated effort.' },
  { id: 'customfield_10011', name: 'Customer', type: 'string', description: 'The customer who reported the problem.' },
  {
    id: 'customfield_10012',
    name: 'Severity',
    type: 'option',
    description: 'How badly the problem hurts.',
    options: [
      { id: '10020', value: 'S1 - Critical' },
      { id: '10021', value: 'S2 - Major' },
      { id: '10022', value: 'S3 - Minor' },
      { id: '10023', value: 'S4 - Trivial' },
    ],
  },
  { id: 'customfield_10013', name: 'Target start', type: 'date', description: 'When work should start.' },
];

export const PROJECTS: readonly Project[] = [
  {
    id: '10000', key: 'RF', name: 'Ruleforge Platform', description: 'The product team’s backlog.',
    projectTypeKey: 'software', lead: '557058:local-ben', workflow: 'Software Development', issueTypes: ['10001', '10002', '10003'],
  },
  {
    id: '10001', key: 'OPS', name: 'Operations', description: 'Incidents and operational requests.',
    projectTypeKey: 'software', lead: '557058:local-dev', workflow: 'Support', issueTypes: ['10004', '10002'],
  },
  {
    id: '10002', key: 'MKT', name: 'Marketing', description: 'Campaigns and content.',
    projectTypeKey: 'business', lead: '557058:local-emma', workflow: 'Simple', issueTypes: ['10002'],
  },
];

/** The seeded people and the app's own account (its changes carry its id, which is how ignoreSelf works). */
export function siteUsers(ids: { adminAccountId: string; appAccountId: string }): User[] {
  const person = (accountId: string, displayName: string, timeZone: string, roles: User['roles'], admin = false): User => ({
    accountId, displayName, timeZone, roles, admin, active: true, accountType: 'atlassian',
    emailAddress: `${displayName.split(' ')[0]?.toLowerCase() ?? 'user'}@ruleforge.example`,
  });
  return [
    person(ids.adminAccountId, 'Ada Admin', 'Europe/Berlin', { '*': 'administrator' }, true),
    person('557058:local-ben', 'Ben Okafor', 'Europe/London', { '*': 'member' }),
    person('557058:local-chloe', 'Chloé Martin', 'Europe/Paris', { RF: 'member', OPS: 'member', MKT: 'viewer' }),
    person('557058:local-dev', 'Dev Patel', 'Asia/Kolkata', { OPS: 'administrator', RF: 'member' }),
    person('557058:local-emma', 'Emma Schultz', 'America/New_York', { MKT: 'administrator' }),
    // The non-admin with limited access: browses one project, changes nothing.
    person('557058:local-finn', 'Finn Contractor', 'Australia/Sydney', { RF: 'viewer' }),
    {
      accountId: ids.appAccountId, displayName: 'Ruleforge', emailAddress: '', accountType: 'app', active: true,
      timeZone: 'UTC', admin: false, roles: { '*': 'administrator' },
    },
  ];
}
