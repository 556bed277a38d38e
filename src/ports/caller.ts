/**
 * Who is calling the admin page's resolvers, checked with Jira as that user: the page is only for Jira
 * administrators, and the module being an admin page is not taken as proof (a resolver can be invoked directly).
 */
export type AdminCheck =
  | { admin: true }
  | { admin: false; reason: 'NOT_ADMIN' }
  /** Jira could not answer (a transient failure): the call is refused, and saying so lets the user try again. */
  | { admin: false; reason: 'UNAVAILABLE'; message: string };

export interface CallerPort {
  /** Whether the calling user holds Jira's global ADMINISTER permission, asked of Jira as that user. */
  checkAdmin(): Promise<AdminCheck>;
}
