import '../components/jsdom-shims.js';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RuleHead } from '../../../app/rules/rule-records.js';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { RulesList } from './rules-list.js';

// Rule names and execution details are text an admin (or an issue, through a recorded value) controls: the page must
// show them as text, never as markup that runs.
vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe('text from rules and issues on the admin page', () => {
  it('shows a hostile rule name as text and runs none of it', async () => {
    const head: RuleHead = {
      ruleId: 'hostile', name: HOSTILE, nameKey: HOSTILE.toLowerCase(), enabled: true, version: 1, triggerType: 'event', updatedAt: '2026-03-01T10:00:00.000Z', updatedBy: 'acc-1',
      trigger: { type: 'event', events: ['avi:jira:updated:issue'] }, scope: { projects: [HOSTILE] },
    };
    const client = fakeClient({
      'rules.list': () => ok({ items: [head] }),
      'rules.stats': () => ok({ days: [], rules: [] }),
    });
    const { container } = renderWithClient(<RulesList navigate={vi.fn()} />, client);
    expect(await screen.findByRole('link', { name: HOSTILE })).toBeTruthy();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
