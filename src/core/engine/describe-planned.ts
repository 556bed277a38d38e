import type { PlannedAction } from './index.js';

const MAX_TEXT = 200;
const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** One line an admin reads in a dry run: what the action does, with its evaluated parameters. */
export function describePlanned(action: PlannedAction): string {
  switch (action.type) {
    case 'comment':
      return `comment "${clip(action.body)}"`;
    case 'setField':
      return `set ${action.field} to ${clip(JSON.stringify(action.value))}`;
    case 'addLabels':
      return `add label${action.labels.length === 1 ? '' : 's'} ${action.labels.join(', ')}`;
    case 'removeLabels':
      return `remove label${action.labels.length === 1 ? '' : 's'} ${action.labels.join(', ')}`;
    case 'transition':
      return `move the issue to ${action.to}`;
    case 'assign':
      return action.accountId === null ? 'unassign the issue' : `assign the issue to ${action.accountId}`;
    case 'record':
      return `record ${action.name} = ${clip(JSON.stringify(action.value))}`;
  }
}
