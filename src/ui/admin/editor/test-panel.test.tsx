import '../components/jsdom-shims.js';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { DRY_RUN, README_RULE } from './editor-fixtures.js';
import { TestPanel } from './test-panel.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

function dryRun(issueKey: string): void {
  fireEvent.change(screen.getByLabelText('Issue key'), { target: { value: issueKey } });
  fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
}

describe('TestPanel', () => {
  it('dry-runs the unsaved document and shows the decision, let values, planned actions and trace', async () => {
    const client = fakeClient({ 'rules.test': () => ok(DRY_RUN) });
    const draft = { ...README_RULE, name: 'Not saved yet' };
    renderWithClient(<TestPanel doc={draft} />, client);
    dryRun('OPS-7');

    const result = within(await screen.findByRole('region', { name: 'Dry run of OPS-7' }));
    expect(result.getByText('Matched')).toBeTruthy();
    expect(result.getByText('previousStatus').closest('tr')?.textContent).toContain('"Done"');
    const actions = result.getAllByRole('listitem').filter((li) => li.closest('ol')?.getAttribute('aria-label') === 'Planned actions');
    expect(actions.map((li) => li.firstChild?.textContent)).toStrictEqual(['comment "This issue was reopened: it moved from Done…"', 'add label reopened']);
    expect(actions[1]?.textContent).toContain('{"type":"addLabels","labels":["reopened"]}');
    expect(result.getByRole('list', { name: 'Explain trace' }).textContent).toContain('changedFrom');
    expect(client.calls).toStrictEqual([{ key: 'rules.test', payload: { document: draft, issueKey: 'OPS-7' } }]);
  });

  it('says plainly when Jira cannot give the issue', async () => {
    renderWithClient(<TestPanel doc={README_RULE} />, fakeClient({ 'rules.test': () => ({ ok: false, error: { code: 'ISSUE_UNAVAILABLE', message: 'Jira could not give issue OPS-404 (HTTP 404): Issue does not exist' } }) }));
    dryRun('OPS-404');
    expect(await screen.findByText('The issue could not be read')).toBeTruthy();
    expect(screen.getByText(/HTTP 404/)).toBeTruthy();
  });

  it('lists the rule\'s problems when the backend will not test it', async () => {
    renderWithClient(<TestPanel doc={{ ...README_RULE, trigger: { type: 'event', events: [] } }} />, fakeClient({
      'rules.test': () => ({ ok: false, error: { code: 'INVALID_RULE', message: 'The rule has problems; fix them to test it.', issues: [{ path: '/trigger/events', code: 'TOO_SMALL', message: 'Pick at least one event.' }] } }),
    }));
    dryRun('OPS-7');
    expect(await screen.findByText('Fix the rule to test it')).toBeTruthy();
    expect(screen.getByText('/trigger/events: Pick at least one event.')).toBeTruthy();
  });

  it('asks for an issue key before calling the backend', () => {
    const client = fakeClient({});
    renderWithClient(<TestPanel doc={README_RULE} />, client);
    dryRun('ops 7');
    expect(screen.getByRole('alert').textContent).toBe('Type an issue key such as OPS-7.');
    expect(screen.getByLabelText('Issue key').getAttribute('aria-invalid')).toBe('true');
    expect(client.calls).toHaveLength(0);
  });
});
