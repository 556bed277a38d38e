import '../../components/jsdom-shims.js';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RuleVersion } from '../../../../app/rules/rule-records.js';
import { fakeClient, ok, renderWithClient, type FakeHandlers } from '../../test-support.js';
import { asRule, headOf, README_RULE } from '../editor-fixtures.js';
import { HistoryTab } from './history-tab.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

const V1 = { ...README_RULE, actions: [README_RULE.actions[0]] };
const V2 = { ...README_RULE, name: 'Comment on reopened issues' };
const version = (n: number, document: Record<string, unknown>): RuleVersion => ({ ruleId: 'comment-when-reopened', version: n, savedAt: `2026-03-0${String(n)}T09:00:00.000Z`, savedBy: `acc-${String(n)}`, document: asRule(document) });
const VERSIONS = [version(2, V2), version(1, V1)];

function open(handlers: FakeHandlers = {}, dirty = false) {
  const onRolledBack = vi.fn();
  const client = fakeClient({
    'rules.versions': () => ok({ items: VERSIONS.map((v) => ({ ruleId: v.ruleId, version: v.version, savedAt: v.savedAt, savedBy: v.savedBy })) }),
    'rules.version': (p) => ok(VERSIONS.find((v) => v.version === p.version) ?? version(0, {})),
    ...handlers,
  });
  renderWithClient(<HistoryTab ruleId="comment-when-reopened" currentVersion={2} dirty={dirty} onRolledBack={onRolledBack} />, client);
  return { client, onRolledBack };
}

describe('HistoryTab', () => {
  it('lists versions with who saved them and when', async () => {
    open();
    await screen.findByRole('button', { name: 'Roll back to version 1' });
    const list = screen.getByRole('list', { name: 'Versions' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toMatch(/^Version 2 \(current\) · saved 2026-03-02T09:00:00.000Z by acc-2/);
    expect(items[1]).toMatch(/^Version 1 · saved 2026-03-01T09:00:00.000Z by acc-1/);
  });

  it('shows the lines added and removed between two versions', async () => {
    open();
    expect((await screen.findByLabelText<HTMLSelectElement>('Compare version')).value).toBe('1');
    expect(screen.getByLabelText<HTMLSelectElement>('With version').value).toBe('2');
    fireEvent.click(screen.getByRole('button', { name: 'Show differences' }));
    const diff = await screen.findByLabelText('Changes from version 1 to version 2');
    const lines = (kind: string): string[] => [...diff.querySelectorAll(`[data-diff="${kind}"]`)].map((l) => l.textContent.replace(/^[+-] (added|removed): /, ''));
    expect(lines('removed')).toContain('  "name": "Comment when a resolved issue is reopened",');
    expect(lines('removed')).not.toContain('  "name": "Comment on reopened issues",');
    expect(lines('added')).toContain('  "name": "Comment on reopened issues",');
    expect(lines('added')).toContain('      "type": "addLabels",');
    expect(screen.getByText(/Version 1 → version 2: \d+ lines added, \d+ removed\./)).toBeTruthy();
  });

  it('rolls back by saving the old document over the current version', async () => {
    const { client, onRolledBack } = open({ 'rules.save': (p) => ok({ ok: true, unchanged: false, head: headOf(p.document as Record<string, unknown>, 3), version: 3 }) }, true);
    fireEvent.click(await screen.findByRole('button', { name: 'Roll back to version 1' }));
    expect(screen.getByText(/unsaved changes in the editor will be replaced/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm rollback' }));
    expect(await screen.findByText('Rolled back: version 3 equals version 1')).toBeTruthy();
    expect(client.calls.filter((c) => c.key === 'rules.save')).toStrictEqual([{ key: 'rules.save', payload: { document: V1, expectedVersion: 2 } }]);
    expect(onRolledBack).toHaveBeenCalledTimes(1);
  });

  it('a rollback over someone else\'s save is a conflict and changes nothing', async () => {
    const { client, onRolledBack } = open({ 'rules.save': () => ({ ok: false, error: { code: 'CONFLICT', message: 'The rule was changed by someone else (now at version 3); reload it before saving.' } }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Roll back to version 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm rollback' }));
    expect(await screen.findByText('Someone else saved this rule')).toBeTruthy();
    expect(onRolledBack).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => { expect(onRolledBack).toHaveBeenCalledTimes(1); });
    expect(client.calls.filter((c) => c.key === 'rules.save')).toHaveLength(1);
  });
});
