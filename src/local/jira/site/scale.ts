/**
 * Scale mode for benchmarks: N issues in one project, fast (no history, no comments, no events). Fields the caller
 * fixes are the same on every issue, so a chosen JQL query matches all of them; the rest vary from a seeded
 * generator, so other queries still have something to tell apart.
 */
import { DEFAULT_RESOLUTION } from './catalog.js';
import { LABELS } from './demo-text.js';
import type { CustomValue, Issue } from './model.js';
import { Random } from './random.js';
import { day } from './seed.js';
import type { SiteState } from './state.js';

export type GenerateFields = {
  summary: string;
  /** Issue type name, one of the project's. */
  issueType: string;
  /** Status name, one of the project's workflow. */
  status: string;
  /** Priority name, or null. */
  priority: string | null;
  labels: string[];
  assignee: string | null;
  reporter: string | null;
  duedate: string | null;
  /** epoch ms */
  created: number;
  updated: number;
  custom: Record<string, CustomValue>;
};

export type GenerateOptions = { count: number; project: string; fields?: Partial<GenerateFields> };

const DAY = 86_400_000;

export function generateIssues(state: SiteState, now: number, seed: number, options: GenerateOptions): number {
  const project = state.project(options.project);
  if (!project) throw new Error(`generate: no project '${options.project}' (the site has ${state.projects.map((p) => p.key).join(', ')})`);
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error(`generate: count must be a whole number, not ${String(options.count)}`);
  const fixed = options.fields ?? {};
  const workflow = state.workflowOf(project);
  const byName = <T extends { id: string; name: string }>(items: Iterable<T>, name: string, what: string): T => {
    const found = [...items].find((item) => item.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new Error(`generate: no ${what} named '${name}'`);
    return found;
  };
  const statuses = workflow.statuses.map((id) => state.statuses.get(id)).filter((s) => s !== undefined);
  const types = project.issueTypes.map((id) => state.issueTypes.get(id)).filter((t) => t !== undefined);
  const status = fixed.status === undefined ? undefined : byName(statuses, fixed.status, `status in ${project.key}'s workflow`);
  const type = fixed.issueType === undefined ? undefined : byName(types, fixed.issueType, `issue type in ${project.key}`);
  const priority = fixed.priority === undefined || fixed.priority === null ? fixed.priority : byName(state.priorities.values(), fixed.priority, 'priority').id;
  const users = [...state.users.values()].filter((u) => u.accountType === 'atlassian').map((u) => u.accountId);
  const priorities = [...state.priorities.keys()];
  // Offset by what exists already, so two generate calls with one seed do not repeat each other.
  const random = new Random(seed + state.issues.length);

  for (let n = 0; n < options.count; n += 1) {
    const statusId = status?.id ?? random.pick(statuses).id;
    const done = state.statuses.get(statusId)?.category === 'done';
    const created = fixed.created ?? now - random.int(0, 365) * DAY - random.int(0, DAY - 1);
    const updated = fixed.updated ?? Math.max(created, now - random.int(0, 60) * DAY);
    const reporter = fixed.reporter === undefined ? random.pick(users) : fixed.reporter;
    state.add(project.id, ({ id, key }): Issue => ({
      id,
      key,
      projectId: project.id,
      issueTypeId: type?.id ?? random.pick(types).id,
      statusId,
      priorityId: priority === undefined ? random.pick(priorities) : priority,
      assignee: fixed.assignee === undefined ? (random.chance(0.7) ? random.pick(users) : null) : fixed.assignee,
      reporter,
      creator: reporter ?? users[0] ?? '',
      labels: [...new Set(fixed.labels ?? random.some(LABELS, random.int(0, 2)))].sort(),
      created,
      updated,
      statusCategoryChanged: created,
      duedate: fixed.duedate === undefined ? (random.chance(0.3) ? day(created + random.int(1, 60) * DAY) : null) : fixed.duedate,
      resolutionId: done ? DEFAULT_RESOLUTION : null,
      resolutionDate: done ? updated : null,
      summary: fixed.summary ?? `Generated issue ${String(n + 1)} of ${String(options.count)}`,
      description: null,
      custom: { ...(fixed.custom ?? {}) },
      comments: [],
      history: [],
    }));
  }
  return options.count;
}
