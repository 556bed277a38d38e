/**
 * Changelog items as Jira writes them: system fields under their id with fieldtype "jira", custom fields under
 * their name with fieldtype "custom". Where Jira has an id for a value (users, statuses, options) it goes in
 * from/to and the display text in fromString/toString; plain values (summary, labels) have only the strings.
 */
import { adfToText } from './adf.js';
import type { ChangeItem, Issue } from './model.js';
import type { SiteState } from './state.js';

type Described = { value: string | null; text: string | null };

/** A copy of the fields an edit can change, taken before it, to diff against. */
export function snapshot(issue: Issue): Issue {
  return { ...issue, labels: [...issue.labels], custom: { ...issue.custom } };
}

export function describe(state: SiteState, issue: Issue, fieldId: string): Described {
  const user = (id: string | null): Described => ({ value: id, text: id === null ? null : (state.users.get(id)?.displayName ?? id) });
  switch (fieldId) {
    case 'summary': return { value: null, text: issue.summary };
    case 'description': return { value: null, text: issue.description === null ? null : adfToText(issue.description) };
    case 'assignee': return user(issue.assignee);
    case 'reporter': return user(issue.reporter);
    case 'labels': return { value: null, text: issue.labels.join(' ') };
    case 'priority': return { value: issue.priorityId, text: issue.priorityId === null ? null : (state.priorities.get(issue.priorityId)?.name ?? null) };
    case 'status': return { value: issue.statusId, text: state.statuses.get(issue.statusId)?.name ?? null };
    case 'resolution': return { value: issue.resolutionId, text: issue.resolutionId === null ? null : (state.resolutions.get(issue.resolutionId)?.name ?? null) };
    // Jira writes a due date's display string as a timestamp at midnight.
    case 'duedate': return { value: issue.duedate, text: issue.duedate === null ? null : `${issue.duedate} 00:00:00.0` };
    default: {
      const value = issue.custom[fieldId];
      if (value === undefined) return { value: null, text: null };
      if (typeof value === 'object') return { value: value.id, text: value.value };
      const field = state.customFields.get(fieldId);
      return field?.type === 'date' ? { value: String(value), text: String(value) } : { value: null, text: String(value) };
    }
  }
}

/** Items for the fields that differ between `before` and `after`, in the order given. */
export function diff(state: SiteState, before: Issue, after: Issue, fieldIds: Iterable<string>): ChangeItem[] {
  const items: ChangeItem[] = [];
  for (const fieldId of new Set(fieldIds)) {
    const from = describe(state, before, fieldId);
    const to = describe(state, after, fieldId);
    if (from.value === to.value && from.text === to.text) continue;
    const custom = state.customFields.get(fieldId);
    items.push({
      field: custom ? custom.name : fieldId,
      fieldtype: custom ? 'custom' : 'jira',
      fieldId,
      from: from.value,
      fromString: from.text,
      to: to.value,
      toString: to.text,
    });
  }
  return items;
}
