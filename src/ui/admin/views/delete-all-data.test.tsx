import '../components/jsdom-shims.js';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PurgeStatus } from '../../../app/settings/purge-status.js';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { DeleteAllData } from './delete-all-data.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

const DELETING: PurgeStatus = { state: 'deleting', startedAt: '2026-03-02T09:00:00.000Z', requestedBy: 'acc-admin', steps: 1, deleted: 500, current: 'execution', updatedAt: '2026-03-02T09:00:10.000Z' };

describe('DeleteAllData', () => {
  it('refuses anything but the exact phrase without asking the backend', async () => {
    const fake = fakeClient({ 'data.deleteStatus': () => ok({ state: 'idle' as const }) });
    renderWithClient(<DeleteAllData pollMs={10} />, fake);
    fireEvent.change(await screen.findByLabelText('Type DELETE ALL DATA to confirm'), { target: { value: 'delete all data' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete all app data' }));
    expect(screen.getByText('Type DELETE ALL DATA exactly to confirm.')).toBeTruthy();
    expect(fake.calls.some((c) => c.key === 'data.deleteAll')).toBe(false);
  });

  it('starts the deletion with the phrase, shows its progress, and says when everything is gone', async () => {
    const statuses: PurgeStatus[] = [DELETING, { state: 'idle' }];
    const fake = fakeClient({
      'data.deleteStatus': () => ok(fake.calls.some((c) => c.key === 'data.deleteAll') ? statuses.shift() ?? { state: 'idle' as const } : { state: 'idle' as const }),
      'data.deleteAll': () => ok({ ...DELETING, deleted: 0, current: 'starting' }),
    });
    renderWithClient(<DeleteAllData pollMs={10} />, fake);
    fireEvent.change(await screen.findByLabelText('Type DELETE ALL DATA to confirm'), { target: { value: 'DELETE ALL DATA' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete all app data' }));
    expect(await screen.findByText(/Deleting… 500 items so far/)).toBeTruthy();
    expect(await screen.findByText('All app data has been deleted.')).toBeTruthy();
    expect(fake.calls.filter((c) => c.key === 'data.deleteAll').map((c) => c.payload)).toEqual([{ confirm: 'DELETE ALL DATA' }]);
  });
});
