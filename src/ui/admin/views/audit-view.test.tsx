import '../components/jsdom-shims.js';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditVerdict } from '../../../app/rules/audit-log.js';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { AuditView } from './audit-view.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

const entry = (seq: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  seq, at: '2026-03-02T09:00:00.000Z', actor: 'acc-admin', action: 'update', ruleId: 'triage', version: seq, summary: `change ${seq}`,
  prevHash: '0'.repeat(64), hash: '1'.repeat(64), ...extra,
});

describe('AuditView', () => {
  it('lists entries newest first, a page at a time', async () => {
    const fake = fakeClient({
      'audit.list': (p) => ok(p.cursor === undefined ? { entries: [entry(7, { action: 'disable', summary: 'disabled' }), entry(6)], cursor: 'c2' } : { entries: [entry(5)] }),
    });
    renderWithClient(<AuditView />, fake);
    const row = within((await screen.findByText('disabled')).closest('tr') as HTMLElement);
    expect(row.getAllByRole('cell').map((c) => c.textContent)).toEqual(['7', expect.any(String), 'acc-admin', 'disable', 'triage', '7', 'disabled']);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('change 5')).toBeTruthy();
    expect(fake.calls.map((c) => c.payload)).toEqual([{ limit: 50 }, { limit: 50, cursor: 'c2' }]);
  });

  it('verifies the chain and says it is intact', async () => {
    const fake = fakeClient({ 'audit.list': () => ok({ entries: [] }), 'audit.verify': () => ok({ ok: true, entries: 42, from: 1, tip: { seq: 42, hash: 'a'.repeat(64) } }) });
    renderWithClient(<AuditView />, fake);
    fireEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    expect(await screen.findByText('The audit chain is intact')).toBeTruthy();
    expect(screen.getByText(/All 42 entries link up/)).toBeTruthy();
    expect(fake.calls.filter((c) => c.key === 'audit.verify').map((c) => c.payload)).toEqual([{}]);
  });

  it('shows where and why the chain breaks', async () => {
    const verdict: AuditVerdict = { ok: false, seq: 13, reason: 'HASH_MISMATCH', message: 'Entry 13 was changed after it was written.' };
    renderWithClient(<AuditView />, fakeClient({ 'audit.list': () => ok({ entries: [] }), 'audit.verify': () => ok(verdict) }));
    fireEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    expect(await screen.findByText('The audit chain breaks at entry 13')).toBeTruthy();
    expect(screen.getByText(/\(HASH_MISMATCH\): Entry 13 was changed after it was written\./)).toBeTruthy();
  });
});
