import { describe, expect, it } from 'vitest';
import { flagWords, scopeWords, triggerWords } from './rule-words.js';

describe('rule words', () => {
  it('says events and changed fields in words', () => {
    expect(triggerWords({ triggerType: 'event', trigger: { type: 'event', events: ['avi:jira:created:issue', 'avi:jira:updated:issue'], fields: ['status', 'priority'] } }))
      .toBe('Issue created or issue updated (status, priority changed)');
  });

  it('describes a schedule with cronstrue and its time zone', () => {
    expect(triggerWords({ triggerType: 'schedule', trigger: { type: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Paris' } }))
      .toBe('At 09:00, Monday through Friday (Europe/Paris)');
  });

  it('falls back to the trigger type for old heads, and keeps a cron it cannot read', () => {
    expect(triggerWords({ triggerType: 'schedule' })).toBe('On a schedule');
    expect(triggerWords({ triggerType: 'manual', trigger: { type: 'manual' } })).toBe('Manual (run from this page)');
    expect(triggerWords({ triggerType: 'schedule', trigger: { type: 'schedule', cron: 'not a cron', timezone: 'UTC' } })).toBe('Cron not a cron (UTC)');
  });

  it('says the scope, All when there is none, and nothing for heads too old to know', () => {
    expect(scopeWords({ trigger: { type: 'manual' }, scope: { projects: ['OPS', 'DEV'], issueTypes: ['Bug'] } })).toBe('Projects: OPS, DEV; Issue types: Bug');
    expect(scopeWords({ trigger: { type: 'manual' } })).toBe('All');
    expect(scopeWords({})).toBeNull();
  });

  it('names flags', () => {
    expect(flagWords('DISABLED_THROTTLED')).toBe('Throttled');
    expect(flagWords('DISABLED_FAILING')).toBe('Disabled after 10 failures');
    expect(flagWords('DISABLED_BROKEN_RULE')).toBe('Broken rule');
  });
});
