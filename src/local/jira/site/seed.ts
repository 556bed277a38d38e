/**
 * The demo site: about 200 issues over the three projects, created over the last four months and worked on since
 * (transitions, assignments, labels, priorities, comments), each change in the issue's history as Jira would have
 * recorded it. Everything comes from the seed and the clock's time at creation: the same pair gives the same site.
 */
import { adfFromText } from './adf.js';
import { DEFAULT_RESOLUTION } from './catalog.js';
import { snapshot } from './changelog.js';
import { applyChange } from './commit.js';
import { CUSTOMERS, descriptionFor, LABELS, remark, summaryFor } from './demo-text.js';
import type { CustomValue, Issue, Project, User } from './model.js';
import { hasProjectPermission } from './permissions.js';
import { Random } from './random.js';
import type { SiteState } from './state.js';
import { canBeAssigned } from './values.js';

export const DEMO_ISSUES: Readonly<Record<string, number>> = { RF: 90, OPS: 70, MKT: 40 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TYPE_WEIGHTS: Readonly<Record<string, readonly string[]>> = {
  RF: ['Story', 'Story', 'Story', 'Story', 'Bug', 'Bug', 'Bug', 'Task', 'Task', 'Task'],
  OPS: ['Incident', 'Incident', 'Incident', 'Task'],
  MKT: ['Task'],
};
const PRIORITY_WEIGHTS = ['1', '2', '2', '3', '3', '3', '3', '4', '4', '5'];

export function day(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function seedDemo(state: SiteState, now: number, seed: number): void {
  const random = new Random(seed);
  const plan = state.projects.flatMap((project) =>
    Array.from({ length: DEMO_ISSUES[project.key] ?? 0 }, () => ({ project, created: now - random.int(1, 120) * DAY - random.int(0, 23) * HOUR })),
  );
  // Ids grow with creation time, as on a real site.
  plan.sort((a, b) => a.created - b.created);
  for (const { project, created } of plan) {
    const issue = createDemoIssue(state, random, project, created);
    workOn(state, random, issue, now);
  }
}

const people = (state: SiteState, project: Project, permission: string): User[] =>
  [...state.users.values()].filter((u) => u.accountType === 'atlassian' && hasProjectPermission(u, project, permission));

function createDemoIssue(state: SiteState, random: Random, project: Project, created: number): Issue {
  const typeName = random.pick(TYPE_WEIGHTS[project.key] ?? ['Task']);
  const type = [...state.issueTypes.values()].find((t) => t.name === typeName) ?? [...state.issueTypes.values()][0];
  const reporter = random.pick(people(state, project, 'CREATE_ISSUES')).accountId;
  const summary = summaryFor(random, project.key, typeName);
  const assignees = people(state, project, 'ASSIGNABLE_USER');
  const custom: Record<string, CustomValue> = {};
  const severity = state.customFields.get('customfield_10012')?.options ?? [];
  if (typeName === 'Story') custom.customfield_10010 = random.pick([1, 2, 3, 5, 8, 13]);
  if ((typeName === 'Bug' && random.chance(0.6)) || typeName === 'Incident') custom.customfield_10012 = { ...random.pick(severity) };
  if (typeName === 'Incident') custom.customfield_10011 = random.pick(CUSTOMERS);
  if (project.key === 'MKT' && random.chance(0.4)) custom.customfield_10013 = day(created + random.int(2, 30) * DAY);
  return state.add(project.id, ({ id, key }) => ({
    id,
    key,
    projectId: project.id,
    issueTypeId: type?.id ?? '10002',
    statusId: state.workflowOf(project).initialStatus,
    priorityId: random.pick(PRIORITY_WEIGHTS),
    assignee: random.chance(0.5) ? random.pick(assignees).accountId : null,
    reporter,
    creator: reporter,
    labels: random.some(LABELS, random.int(0, 2)).sort(),
    created,
    updated: created,
    statusCategoryChanged: created,
    duedate: random.chance(0.3) ? day(created + random.int(3, 40) * DAY) : null,
    resolutionId: null,
    resolutionDate: null,
    summary,
    description: random.chance(0.7) ? adfFromText(descriptionFor(random, summary)) : null,
    custom,
    comments: [],
    history: [],
  }));
}

/** A few changes after creation, each an hour to four days after the one before, never in the future. */
function workOn(state: SiteState, random: Random, issue: Issue, now: number): void {
  const project = state.projectOf(issue);
  const members = people(state, project, 'EDIT_ISSUES');
  let time = issue.created;
  for (let step = random.int(0, 6); step > 0; step -= 1) {
    time += random.int(1, 96) * HOUR;
    if (time > now - HOUR) return;
    const author = issue.assignee ?? random.pick(members).accountId;
    const draft = snapshot(issue);
    const roll = random.next();
    if (roll < 0.45) {
      const options = state.transitionsFrom(issue);
      if (options.length === 0) continue;
      const transition = random.pick(options);
      draft.statusId = transition.to;
      const done = state.statuses.get(transition.to)?.category === 'done';
      draft.resolutionId = done ? (random.chance(0.8) ? DEFAULT_RESOLUTION : random.pick([...state.resolutions.keys()])) : null;
      applyChange(state, issue, draft, ['resolution', 'status'], author, time);
    } else if (roll < 0.65) {
      const candidates = people(state, project, 'ASSIGNABLE_USER').filter((u) => u.accountId !== issue.assignee && canBeAssigned(state, project, u.accountId));
      draft.assignee = random.chance(0.15) || candidates.length === 0 ? null : random.pick(candidates).accountId;
      applyChange(state, issue, draft, ['assignee'], author, time);
    } else if (roll < 0.8) {
      draft.labels = [...new Set([...draft.labels, random.pick(LABELS)])].sort();
      applyChange(state, issue, draft, ['labels'], author, time);
    } else if (roll < 0.9) {
      draft.priorityId = random.pick(PRIORITY_WEIGHTS);
      applyChange(state, issue, draft, ['priority'], author, time);
    } else {
      const body = adfFromText(remark(random));
      issue.comments.push({ id: state.nextCommentId(), author: random.pick(members).accountId, body, created: time, updated: time });
      issue.updated = time;
      state.touch(issue);
    }
  }
}
