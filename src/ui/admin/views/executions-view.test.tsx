import '../components/jsdom-shims.js';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionRecord } from '../../../app/executions/execution-record.js';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { ExecutionsView } from './executions-view.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
// The trace tree is another helper's component: here it only has to receive the execution's trace.
vi.mock('../components/trace-tree.js', () => ({ TraceTree: ({ trace }: { trace: unknown }) => <div data-testid="trace">{JSON.stringify(trace)}</div> }));
afterEach(cleanup);

const record = (executionId: string, extra: Partial<ExecutionRecord> = {}): ExecutionRecord => ({
  executionId, ruleId: 'triage', ruleVersion: 4, status: 'SUCCESS', issueKey: 'OPS-7', startedAt: '2026-03-02T09:00:00.000Z', durationMs: 420,
  trigger: { kind: 'event', eventType: 'avi:jira:updated:issue', actorAccountId: 'acc-9', eventId: 'e1' },
  actions: [], trace: null, error: null, letValues: {}, attempts: 1, dryRun: false, ...extra,
});

const item = (r: ExecutionRecord) => ({ key: r.executionId, value: r });

describe('ExecutionsView list', () => {
  it('lists executions and sends the filters, the rule from the route, and the cursor', async () => {
    const fake = fakeClient({
      'executions.list': (p) => ok(p.cursor === undefined
        ? { items: [item(record('ex-1', { status: 'SOME_ERRORS', durationMs: 2500 }))], cursor: 'c2' }
        : { items: [item(record('ex-2', { issueKey: 'OPS-8' }))] }),
    });
    renderWithClient(<ExecutionsView ruleId="triage" navigate={vi.fn()} />, fake);
    const row = within((await screen.findByText('OPS-7')).closest('tr') as HTMLElement);
    expect(row.getByText('Some errors')).toBeTruthy();
    expect(row.getByText('2.5 s')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Rule id' }).value).toBe('triage');

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('OPS-8');

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'FAILED' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Issue key' }), { target: { value: ' ops-12 ' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01T08:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => { expect(fake.calls).toHaveLength(3); });
    expect(fake.calls.map((c) => c.payload)).toEqual([
      { ruleId: 'triage', limit: 25 },
      { ruleId: 'triage', limit: 25, cursor: 'c2' },
      { ruleId: 'triage', status: 'FAILED', issueKey: 'OPS-12', from: new Date('2026-03-01T08:30').toISOString(), limit: 25 },
    ]);
  });

  it('refuses a time range that ends before it starts, without asking', async () => {
    const fake = fakeClient({ 'executions.list': () => ok({ items: [] }) });
    renderWithClient(<ExecutionsView navigate={vi.fn()} />, fake);
    expect(await screen.findByText('No executions match.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-02T08:30' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-01T08:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByRole('alert').textContent).toContain('"From" is after "To"');
    expect(fake.calls).toHaveLength(1);
  });

  it('opens an execution through the route', async () => {
    const navigate = vi.fn();
    renderWithClient(<ExecutionsView ruleId="triage" navigate={navigate} />, fakeClient({ 'executions.list': () => ok({ items: [item(record('ex-1'))] }) }));
    const row = within((await screen.findByText('OPS-7')).closest('tr') as HTMLElement);
    fireEvent.click(row.getAllByRole('link')[0] as HTMLElement);
    expect(navigate).toHaveBeenCalledWith({ view: 'executions', executionId: 'ex-1', ruleId: 'triage' });
  });
});

describe('ExecutionsView detail', () => {
  it('shows status, rule, trigger, actions with their outcome, let values, error and the trace', async () => {
    const trace = { let: {}, when: { op: '==', path: '/when', args: [], result: true } };
    const fake = fakeClient({
      'executions.get': () => ok(record('ex-1', {
        status: 'SOME_ERRORS', attempts: 2, durationMs: 61_000, trace, letValues: { ageDays: 12.5 },
        error: { code: 'BUDGET_EXCEEDED', message: 'too many operations', path: '/let/x' },
        actions: [
          { type: 'comment', status: 'done', detail: 'comment 10001' },
          { type: 'transition', status: 'failed', error: { code: 'JIRA_400', message: 'No transition to Done' } },
          { type: 'addLabels', status: 'not-run' },
        ],
      })),
    });
    renderWithClient(<ExecutionsView executionId="ex-1" navigate={vi.fn()} />, fake);
    expect(await screen.findByText('Some errors')).toBeTruthy();
    expect(fake.calls).toEqual([{ key: 'executions.get', payload: { executionId: 'ex-1' } }]);
    expect(screen.getByText('Event: issue updated (by acc-9)')).toBeTruthy();
    expect(screen.getByText('1 min 1 s')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'triage' })).toBeTruthy();
    const actions = screen.getAllByRole('row').map((r) => r.textContent);
    expect(actions).toContain('1commentDonecomment 10001');
    expect(actions).toContain('2transitionFailedJIRA_400: No transition to Done');
    expect(actions).toContain('3addLabelsNot run');
    expect(screen.getByText('ageDays').closest('tr')?.textContent).toBe('ageDays12.5');
    expect(screen.getByText(/BUDGET_EXCEEDED/)).toBeTruthy();
    expect(JSON.parse(screen.getByTestId('trace').textContent)).toEqual(trace);
  });

  it('links a scheduled run and goes back to the list', async () => {
    const navigate = vi.fn();
    renderWithClient(<ExecutionsView executionId="r1.OPS-7" ruleId="triage" navigate={navigate} />, fakeClient({
      'executions.get': () => ok(record('r1.OPS-7', { trigger: { kind: 'schedule', runId: 'triage.20260302T090000Z', dueAt: '2026-03-02T09:00:00.000Z', requestedBy: 'app' } })),
    }));
    fireEvent.click(await screen.findByRole('link', { name: 'triage.20260302T090000Z' }));
    expect(navigate).toHaveBeenLastCalledWith({ view: 'runs', runId: 'triage.20260302T090000Z' });
    fireEvent.click(screen.getByRole('link', { name: '← All executions' }));
    expect(navigate).toHaveBeenLastCalledWith({ view: 'executions', ruleId: 'triage' });
  });

  it('says when the execution is gone', async () => {
    renderWithClient(<ExecutionsView executionId="old" navigate={vi.fn()} />, fakeClient({
      'executions.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'Execution old does not exist' } }),
    }));
    expect(await screen.findByText('Execution old does not exist')).toBeTruthy();
  });
});
