/**
 * Writing a change: the draft becomes the issue, `updated` moves to the change's time, a history entry records the
 * changelog items, and (through the REST handlers) the product events go out. A change that changes nothing
 * writes nothing and raises no event, as in Jira, so a rule that sets a value the issue already has cannot loop on
 * its own update.
 */
import { diff } from './changelog.js';
import type { Site } from './context.js';
import { updateEvents } from './events.js';
import type { ChangeItem, Issue, User } from './model.js';
import type { SiteState } from './state.js';

export type Applied = { historyId: string; items: ChangeItem[] };

/** Writes the change without raising events: the REST path below, and the seeded history. */
export function applyChange(state: SiteState, issue: Issue, draft: Issue, touched: Iterable<string>, author: string, now: number): Applied | undefined {
  const items = diff(state, issue, draft, touched);
  if (items.length === 0) return undefined;
  const before = { category: state.statuses.get(issue.statusId)?.category, resolution: issue.resolutionId };
  Object.assign(issue, {
    summary: draft.summary,
    description: draft.description,
    priorityId: draft.priorityId,
    assignee: draft.assignee,
    reporter: draft.reporter,
    labels: draft.labels,
    duedate: draft.duedate,
    custom: draft.custom,
    statusId: draft.statusId,
    resolutionId: draft.resolutionId,
  });
  issue.updated = now;
  if (state.statuses.get(issue.statusId)?.category !== before.category) issue.statusCategoryChanged = now;
  if (issue.resolutionId === null) issue.resolutionDate = null;
  else if (before.resolution === null) issue.resolutionDate = now;
  const historyId = state.nextHistoryId();
  issue.history.push({ id: historyId, author, created: now, items });
  state.touch(issue);
  return { historyId, items };
}

export function commitChange(site: Site, issue: Issue, draft: Issue, touched: Iterable<string>, actor: User): ChangeItem[] {
  const applied = applyChange(site.state, issue, draft, touched, actor.accountId, site.clock.now());
  if (!applied) return [];
  for (const event of updateEvents(site, issue, actor.accountId, applied.historyId, applied.items)) site.emit(event);
  return applied.items;
}
