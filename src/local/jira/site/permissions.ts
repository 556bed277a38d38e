/**
 * Jira's permission keys and what each role of the site's one permission scheme grants. Jira assigns project
 * permissions to roles through a scheme; the site has exactly one scheme, so a role is enough.
 */
import type { Project, ProjectRole, User } from './model.js';

type PermissionInfo = { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string };

/** The built-in permissions, with the ids Jira gives them. */
export const PERMISSIONS: Readonly<Record<string, PermissionInfo>> = {
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.' },
  SYSTEM_ADMIN: { id: '44', name: 'Administer Jira system', type: 'GLOBAL', description: 'Configure Jira system settings.' },
  USER_PICKER: { id: '27', name: 'Browse users and groups', type: 'GLOBAL', description: 'View and select users or groups from the user picker.' },
  CREATE_SHARED_OBJECTS: { id: '22', name: 'Share dashboards and filters', type: 'GLOBAL', description: 'Share dashboards and filters with other users.' },
  BULK_CHANGE: { id: '33', name: 'Make bulk changes', type: 'GLOBAL', description: 'Modify collections of issues at once.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.' },
  RESOLVE_ISSUES: { id: '14', name: 'Resolve Issues', type: 'PROJECT', description: 'Ability to resolve and reopen issues.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', type: 'PROJECT', description: 'Users with this permission may be assigned to issues.' },
  CLOSE_ISSUES: { id: '18', name: 'Close Issues', type: 'PROJECT', description: 'Ability to close issues.' },
  LINK_ISSUES: { id: '21', name: 'Link Issues', type: 'PROJECT', description: 'Ability to link issues together.' },
  SCHEDULE_ISSUES: { id: '28', name: 'Schedule Issues', type: 'PROJECT', description: 'Ability to view or edit an issue’s due date.' },
  MODIFY_REPORTER: { id: '30', name: 'Modify Reporter', type: 'PROJECT', description: 'Ability to modify the reporter when creating or editing an issue.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
};

export type PermissionKey = keyof typeof PERMISSIONS;

const VIEWER = ['BROWSE_PROJECTS'];
const MEMBER = [
  ...VIEWER, 'CREATE_ISSUES', 'EDIT_ISSUES', 'ASSIGN_ISSUES', 'RESOLVE_ISSUES', 'ADD_COMMENTS', 'ASSIGNABLE_USER',
  'CLOSE_ISSUES', 'LINK_ISSUES', 'SCHEDULE_ISSUES', 'TRANSITION_ISSUES',
];
const GRANTS: Readonly<Record<ProjectRole, ReadonlySet<string>>> = {
  viewer: new Set(VIEWER),
  member: new Set(MEMBER),
  administrator: new Set([...MEMBER, 'ADMINISTER_PROJECTS', 'DELETE_ISSUES', 'MODIFY_REPORTER']),
};

export function roleIn(user: User, project: Project): ProjectRole | undefined {
  return user.roles[project.key] ?? user.roles['*'];
}

export function hasProjectPermission(user: User, project: Project, permission: string): boolean {
  const role = roleIn(user, project);
  return role !== undefined && user.active && GRANTS[role].has(permission);
}

export function canBrowse(user: User, project: Project): boolean {
  return hasProjectPermission(user, project, 'BROWSE_PROJECTS');
}

export function hasGlobalPermission(user: User, permission: string): boolean {
  if (!user.active) return false;
  if (permission === 'ADMINISTER' || permission === 'SYSTEM_ADMIN' || permission === 'BULK_CHANGE') return user.admin;
  // Every licensed user has these on a default Jira Cloud site.
  return permission === 'USER_PICKER' || permission === 'CREATE_SHARED_OBJECTS';
}
