/**
 * The site's data: the catalogue, the users and the issues, with the lookups every endpoint needs. Every change
 * goes through `touch` (or add/remove), which bumps `version`: searches cache their sorted results per version, and
 * the JQL view of an issue is rebuilt only after it changed.
 */
import type { JqlContext, JqlIssue } from '../jql/index.js';
import { adfToText } from './adf.js';
import { CUSTOM_FIELDS, ISSUE_TYPES, PRIORITIES, PROJECTS, RESOLUTIONS, STATUSES, WORKFLOWS } from './catalog.js';
import { allFields, type FieldInfo } from './fields.js';
import type { CustomField, Issue, IssueType, Priority, Project, Resolution, Status, Transition, User, Workflow } from './model.js';

export class SiteState {
  readonly users = new Map<string, User>();
  /** The catalogue's projects, unless the site starts bare; `importIssue` adds to it. */
  readonly projects: Project[];
  readonly statuses = new Map<string, Status>(STATUSES.map((s) => [s.id, s]));
  readonly issueTypes = new Map<string, IssueType>(ISSUE_TYPES.map((t) => [t.id, t]));
  readonly priorities = new Map<string, Priority>(PRIORITIES.map((p) => [p.id, p]));
  readonly resolutions = new Map<string, Resolution>(RESOLUTIONS.map((r) => [r.id, r]));
  readonly customFields = new Map<string, CustomField>(CUSTOM_FIELDS.map((f) => [f.id, f]));
  readonly fields: readonly FieldInfo[] = allFields(CUSTOM_FIELDS);
  readonly #workflows = new Map<string, Workflow>(WORKFLOWS.map((w) => [w.name, w]));
  /** In creation order, which is id order. */
  readonly issues: Issue[] = [];
  readonly #byId = new Map<string, Issue>();
  readonly #byKey = new Map<string, Issue>();
  readonly #nextNumber = new Map<string, number>();
  readonly #jqlViews = new WeakMap<Issue, JqlIssue>();
  #nextIssueId = 10000;
  #nextHistoryId = 10000;
  #nextCommentId = 10000;
  version = 0;

  constructor(users: readonly User[], projects: readonly Project[] = PROJECTS) {
    for (const user of users) this.users.set(user.accountId, user);
    this.projects = [...projects];
  }

  /** Test setup (import.ts): a project with its own workflow; replacing the workflow of that name is allowed. */
  addProject(project: Project, workflow: Workflow): void {
    this.projects.push(project);
    this.setWorkflow(workflow);
  }

  setWorkflow(workflow: Workflow): void {
    this.#workflows.set(workflow.name, workflow);
  }

  project(idOrKey: string): Project | undefined {
    return this.projects.find((p) => p.id === idOrKey || p.key === idOrKey.toUpperCase());
  }

  projectOf(issue: Issue): Project {
    return this.projects.find((p) => p.id === issue.projectId) as Project;
  }

  workflowOf(project: Project): Workflow {
    return this.#workflows.get(project.workflow) as Workflow;
  }

  /** The transitions out of the issue's status; a global one goes from every status but its own target. */
  transitionsFrom(issue: Issue): readonly Transition[] {
    return this.workflowOf(this.projectOf(issue)).transitions.filter((t) =>
      t.from === 'any' ? t.to !== issue.statusId : t.from.includes(issue.statusId),
    );
  }

  /** By id (all digits) or by key, case-insensitively as Jira looks keys up. */
  issue(idOrKey: string): Issue | undefined {
    return /^\d+$/.test(idOrKey) ? this.#byId.get(idOrKey) : this.#byKey.get(idOrKey.toUpperCase());
  }

  /** Reserves the next id and key of a project, and registers the issue built with them. */
  add(projectId: string, build: (ids: { id: string; key: string }) => Issue): Issue {
    const project = this.project(projectId) as Project;
    const number = this.#nextNumber.get(project.id) ?? 1;
    this.#nextNumber.set(project.id, number + 1);
    const issue = build({ id: String(this.#nextIssueId++), key: `${project.key}-${number}` });
    this.issues.push(issue);
    this.#byId.set(issue.id, issue);
    this.#byKey.set(issue.key, issue);
    this.version += 1;
    return issue;
  }

  /**
   * Registers an issue built under a key and id chosen by the caller (test setup, import.ts): the project's next
   * key number and the site's next id move past them, so issues created later never collide with it.
   */
  register(issue: Issue): void {
    const project = this.projectOf(issue);
    const number = Number(issue.key.slice(project.key.length + 1));
    this.#nextNumber.set(project.id, Math.max(this.#nextNumber.get(project.id) ?? 1, number + 1));
    this.#nextIssueId = Math.max(this.#nextIssueId, Number(issue.id) + 1);
    // Kept in id order, which the list promises.
    const after = this.issues.findIndex((other) => Number(other.id) > Number(issue.id));
    this.issues.splice(after < 0 ? this.issues.length : after, 0, issue);
    this.#byId.set(issue.id, issue);
    this.#byKey.set(issue.key, issue);
    this.version += 1;
  }

  remove(issue: Issue): void {
    const index = this.issues.indexOf(issue);
    if (index >= 0) this.issues.splice(index, 1);
    this.#byId.delete(issue.id);
    this.#byKey.delete(issue.key);
    this.version += 1;
  }

  touch(issue: Issue): void {
    this.#jqlViews.delete(issue);
    this.version += 1;
  }

  nextHistoryId(): string {
    return String(this.#nextHistoryId++);
  }

  nextCommentId(): string {
    return String(this.#nextCommentId++);
  }

  /** The issue as the JQL evaluator reads it; cached until the issue changes. */
  jqlView(issue: Issue): JqlIssue {
    const cached = this.#jqlViews.get(issue);
    if (cached) return cached;
    const project = this.projectOf(issue);
    const status = this.statuses.get(issue.statusId) as Status;
    const type = this.issueTypes.get(issue.issueTypeId) as IssueType;
    const priority = issue.priorityId === null ? undefined : this.priorities.get(issue.priorityId);
    const resolution = issue.resolutionId === null ? undefined : this.resolutions.get(issue.resolutionId);
    const view: JqlIssue = {
      id: issue.id,
      key: issue.key,
      project: { id: project.id, key: project.key, name: project.name },
      issueType: { id: type.id, name: type.name },
      status: { id: status.id, name: status.name, category: status.category },
      priority: priority ? { id: priority.id, name: priority.name } : null,
      assignee: issue.assignee,
      reporter: issue.reporter,
      labels: issue.labels,
      created: issue.created,
      updated: issue.updated,
      duedate: issue.duedate,
      resolution: resolution ? { id: resolution.id, name: resolution.name } : null,
      summary: issue.summary,
      description: adfToText(issue.description),
      custom: issue.custom,
    };
    this.#jqlViews.set(issue, view);
    return view;
  }

  /** What JQL may name: every custom field, and the catalogue values Jira would check names against. */
  jqlContext(now: number, user: User, visibleProjects: readonly Project[]): JqlContext {
    return {
      now,
      currentUser: user.accountId,
      timeZone: user.timeZone,
      customFields: [...this.customFields.values()].map((f) => ({ id: f.id, name: f.name, type: f.type })),
      catalog: {
        projects: visibleProjects.map((p) => ({ id: p.id, key: p.key, name: p.name })),
        issueTypes: [...this.issueTypes.values()].map((t) => ({ id: t.id, name: t.name })),
        statuses: [...this.statuses.values()].map((s) => ({ id: s.id, name: s.name })),
        priorities: [...this.priorities.values()].map((p) => ({ id: p.id, name: p.name })),
        resolutions: [...this.resolutions.values()].map((r) => ({ id: r.id, name: r.name })),
        users: [...this.users.values()].map((u) => ({ accountId: u.accountId, displayName: u.displayName, emailAddress: u.emailAddress })),
      },
    };
  }
}
