import cronstrue from 'cronstrue';
import type { RuleHead } from '../../../app/rules/rule-records.js';

const EVENT_WORDS: Record<string, string> = {
  'avi:jira:created:issue': 'issue created',
  'avi:jira:updated:issue': 'issue updated',
  'avi:jira:deleted:issue': 'issue deleted',
  'avi:jira:assigned:issue': 'issue assigned',
  'avi:jira:commented:issue': 'comment added',
};

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A Forge event name as people say it ("issue updated"). */
export const eventWords = (eventType: string): string => EVENT_WORDS[eventType] ?? eventType;

/** A 5-field cron as a sentence ("At 09:00, Monday through Friday"); the cron itself if cronstrue cannot read it. */
export function cronWords(cron: string): string {
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return `Cron ${cron}`;
  }
}

/** What starts the rule, in words: the list shows this instead of the trigger's JSON. */
export function triggerWords(head: Pick<RuleHead, 'trigger' | 'triggerType'>): string {
  const trigger = head.trigger;
  if (trigger === undefined) {
    // Heads saved before summaries were stored say only the type.
    return { event: 'On Jira events', schedule: 'On a schedule', manual: 'Manual (run from this page)' }[head.triggerType];
  }
  switch (trigger.type) {
    case 'event': {
      const events = capitalised(trigger.events.map(eventWords).join(' or '));
      return trigger.fields === undefined || trigger.fields.length === 0 ? events : `${events} (${trigger.fields.join(', ')} changed)`;
    }
    case 'schedule':
      return `${cronWords(trigger.cron)} (${trigger.timezone})`;
    case 'manual':
      return 'Manual (run from this page)';
  }
}

/** The rule's scope; null when the head is too old to say (the document knows). */
export function scopeWords(head: Pick<RuleHead, 'trigger' | 'scope'>): string | null {
  const parts: string[] = [];
  if (head.scope?.projects !== undefined && head.scope.projects.length > 0) parts.push(`Projects: ${head.scope.projects.join(', ')}`);
  if (head.scope?.issueTypes !== undefined && head.scope.issueTypes.length > 0) parts.push(`Issue types: ${head.scope.issueTypes.join(', ')}`);
  if (parts.length > 0) return parts.join('; ');
  return head.trigger === undefined && head.scope === undefined ? null : 'All';
}

// The app's own flags (APP_FLAGS in src/app/rules/rule-records.ts); 10 is its FAILURE_LIMIT.
const FLAG_WORDS: Record<string, string> = { DISABLED_THROTTLED: 'Throttled', DISABLED_FAILING: 'Disabled after 10 failures' };

/** A flag the app set (DISABLED_THROTTLED, DISABLED_FAILING) as words on a lozenge. */
export function flagWords(flag: string): string {
  return FLAG_WORDS[flag] ?? capitalised(flag.replace(/^DISABLED_/, '').replace(/_/g, ' ').toLowerCase());
}
