import '../components/jsdom-shims.js';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RuleHead } from '../../../app/rules/rule-records.js';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { RulesList } from './rules-list.js';

// @forge/bridge looks for the Custom UI host when imported (through client.ts); tests talk to a fake client instead.
vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

const head = (ruleId: string, name: string, extra: Partial<RuleHead> = {}): RuleHead => ({
  ruleId, name, nameKey: name.toLowerCase(), enabled: true, version: 3, triggerType: 'event', updatedAt: '2026-03-01T10:00:00.000Z', updatedBy: 'acc-1',
  trigger: { type: 'event', events: ['avi:jira:updated:issue'], fields: ['status'] }, ...extra,
});

const DAYS = Array.from({ length: 14 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
const zeros = (): number[] => DAYS.map(() => 0);

const stale = head('close-stale', 'Close stale issues', {
  triggerType: 'schedule', trigger: { type: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Paris' }, scope: { projects: ['OPS'] },
});
const triage = head('triage', 'Triage bugs', { enabled: false, flag: 'DISABLED_THROTTLED', scope: { issueTypes: ['Bug'] } });

function client(overrides: Parameters<typeof fakeClient>[0] = {}) {
  return fakeClient({
    'rules.list': (p) => ok(p.cursor === undefined ? { items: [stale, triage], cursor: 'page-2' } : { items: [head('zeta', 'Zeta')] }),
    'rules.stats': (p) => ok({
      days: DAYS,
      rules: p.ruleIds.map((ruleId) => ({
        ruleId,
        runs: ruleId === 'close-stale' ? DAYS.map((_, i) => (i === 13 ? 10 : 2)) : zeros(),
        failures: ruleId === 'close-stale' ? DAYS.map((_, i) => (i === 13 ? 1 : 0)) : zeros(),
        last: ruleId === 'close-stale' ? { status: 'SOME_ERRORS', at: '2026-03-14T09:00:00.000Z', executionId: 'ex-9' } : null,
      })),
    }),
    ...overrides,
  });
}

describe('RulesList', () => {
  it('shows each rule: trigger in words, scope, switch, flag, last run and a 14-day chart', async () => {
    const fake = client();
    renderWithClient(<RulesList navigate={vi.fn()} />, fake);
    const staleRow = (await screen.findByRole('link', { name: 'Close stale issues' })).closest('tr');
    if (staleRow === null) throw new Error('no row');
    const row = within(staleRow);
    expect(row.getByText('At 09:00, Monday through Friday (Europe/Paris)')).toBeTruthy();
    expect(row.getByText('Projects: OPS')).toBeTruthy();
    expect(row.getByRole<HTMLInputElement>('checkbox', { name: 'Enabled: Close stale issues' }).checked).toBe(true);
    expect(await row.findByRole('img', { name: '14 days: 36 runs, 1 failure' })).toBeTruthy();
    expect(row.getByText('Some errors')).toBeTruthy();

    const triageRow = within(screen.getByRole('link', { name: 'Triage bugs' }).closest('tr') as HTMLElement);
    expect(triageRow.getByText('Issue updated (status changed)')).toBeTruthy();
    expect(triageRow.getByText('Issue types: Bug')).toBeTruthy();
    expect(triageRow.getByText('Throttled')).toBeTruthy();
    expect(triageRow.getByText('Never')).toBeTruthy();
    expect(triageRow.getByRole<HTMLInputElement>('checkbox', { name: 'Enabled: Triage bugs' }).checked).toBe(false);

    expect(fake.calls.find((c) => c.key === 'rules.list')?.payload).toEqual({ limit: 50 });
    expect(fake.calls.find((c) => c.key === 'rules.stats')?.payload).toEqual({ ruleIds: ['close-stale', 'triage'], days: 14 });
  });

  it('pages with the cursor and asks stats for the new page only', async () => {
    const fake = client();
    renderWithClient(<RulesList navigate={vi.fn()} />, fake);
    await screen.findByRole('link', { name: 'Close stale issues' });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('link', { name: 'Zeta' });
    expect(screen.queryByRole('link', { name: 'Close stale issues' })).toBeNull();
    expect(fake.calls.filter((c) => c.key === 'rules.list').map((c) => c.payload)).toEqual([{ limit: 50 }, { limit: 50, cursor: 'page-2' }]);
    await waitFor(() => { expect(fake.calls.filter((c) => c.key === 'rules.stats').at(-1)?.payload).toEqual({ ruleIds: ['zeta'], days: 14 }); });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await screen.findByRole('link', { name: 'Close stale issues' });
    expect(fake.calls.filter((c) => c.key === 'rules.list').at(-1)?.payload).toEqual({ limit: 50 });
  });

  it('searches by name prefix on the backend, after typing stops', async () => {
    const fake = client();
    renderWithClient(<RulesList navigate={vi.fn()} />, fake);
    await screen.findByRole('link', { name: 'Close stale issues' });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search rules' }), { target: { value: ' Clo' } });
    await waitFor(() => { expect(fake.calls.filter((c) => c.key === 'rules.list').at(-1)?.payload).toEqual({ limit: 50, namePrefix: 'Clo' }); });
    expect(fake.calls.filter((c) => c.key === 'rules.list')).toHaveLength(2);
  });

  it('filters the loaded page by trigger type, state and flags without asking again', async () => {
    const fake = client();
    renderWithClient(<RulesList navigate={vi.fn()} />, fake);
    await screen.findByRole('link', { name: 'Close stale issues' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Flags' }), { target: { value: 'flagged' } });
    expect(screen.queryByRole('link', { name: 'Close stale issues' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Triage bugs' })).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Trigger type' }), { target: { value: 'schedule' } });
    expect(screen.getByText('No rule on this page matches the filters.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Flags' }), { target: { value: 'any' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'State' }), { target: { value: 'enabled' } });
    expect(screen.getByRole('link', { name: 'Close stale issues' })).toBeTruthy();
    expect(fake.calls.filter((c) => c.key === 'rules.list')).toHaveLength(1);
  });

  it('switches a rule at once, keeps what the backend answers, and rolls back on error', async () => {
    let refuse = false;
    const fake = client({
      'rules.setEnabled': (p) => (refuse
        ? { ok: false, error: { code: 'NOT_FOUND', message: 'Rule triage does not exist' } }
        : ok({ ok: true, changed: true, head: { ...triage, enabled: p.enabled, version: 4 }, activeRuleset: { state: 'rebuilt' } })),
    });
    renderWithClient(<RulesList navigate={vi.fn()} />, fake);
    const toggle = await screen.findByRole('checkbox', { name: 'Enabled: Triage bugs' });
    fireEvent.click(toggle);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Enabled: Triage bugs' }).checked).toBe(true);
    await waitFor(() => { expect(screen.getByText('triage · v4')).toBeTruthy(); });
    expect(fake.calls.filter((c) => c.key === 'rules.setEnabled').map((c) => c.payload)).toEqual([{ ruleId: 'triage', enabled: true }]);

    refuse = true;
    fireEvent.click(screen.getByRole('checkbox', { name: 'Enabled: Triage bugs' }));
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Enabled: Triage bugs' }).checked).toBe(false);
    expect(await screen.findByText('Triage bugs was not disabled: Rule triage does not exist')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Enabled: Triage bugs' }).checked).toBe(true);
  });

  it('opens the editor for a rule and for a new one', async () => {
    const navigate = vi.fn();
    renderWithClient(<RulesList navigate={navigate} />, client());
    fireEvent.click(await screen.findByRole('link', { name: 'Close stale issues' }));
    expect(navigate).toHaveBeenLastCalledWith({ view: 'editor', ruleId: 'close-stale' });
    fireEvent.click(screen.getByRole('button', { name: 'New rule' }));
    expect(navigate).toHaveBeenLastCalledWith({ view: 'editor', ruleId: null });
  });

  it('says when the list cannot be loaded', async () => {
    renderWithClient(<RulesList navigate={vi.fn()} />, client({ 'rules.list': () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'Only Jira administrators' } }) }));
    expect(await screen.findByText('Only Jira administrators')).toBeTruthy();
  });
});
