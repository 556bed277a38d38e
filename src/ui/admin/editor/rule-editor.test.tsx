import '../components/jsdom-shims.js';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, ok, renderWithClient, type FakeHandlers } from '../test-support.js';
import { asRule, headOf } from './editor-fixtures.js';
import { fieldDomId } from './field-owners.js';
import { RuleEditor } from './rule-editor.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

const SCHEDULED = {
  schemaVersion: 1, id: 'weekly-sweep', name: 'Weekly sweep', enabled: true,
  trigger: { type: 'schedule', cron: '0 8 * * 1', timezone: 'America/New_York', jql: 'project = SUP', maxIssues: 1000 },
  when: { '>': [{ var: 'let.overdueDays' }, 0] },
  let: { overdueDays: { '-': [{ daysSince: { var: 'issue.fields.created' } }, 10] } },
  actions: [{ type: 'addLabels', labels: ['sla-breached'] }, { type: 'transition', to: 'Escalated' }],
};

function open(document: Record<string, unknown>, version: number, handlers: FakeHandlers = {}) {
  const navigate = vi.fn();
  const client = fakeClient({ 'rules.get': () => ok({ head: headOf(document, version), document: asRule(document) }), ...handlers });
  renderWithClient(<RuleEditor ruleId={String(document.id)} navigate={navigate} />, client);
  return { client, navigate };
}

const jsonText = (): HTMLTextAreaElement => screen.getByLabelText<HTMLTextAreaElement>('Rule document (JSON)');
const savesOf = (client: ReturnType<typeof fakeClient>) => client.calls.filter((c) => c.key === 'rules.save');

describe('RuleEditor: form and JSON', () => {
  it('shows the loaded rule in the form and the same document in the JSON tab', async () => {
    const { client } = open(SCHEDULED, 4);
    expect(await screen.findByDisplayValue('Weekly sweep')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Cron').value).toBe('0 8 * * 1');
    expect(screen.getByText(/Version 4, saved/)).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    expect(JSON.parse(jsonText().value)).toStrictEqual(SCHEDULED);
    expect(client.calls.map((c) => c.key)).toStrictEqual(['rules.get']);
  });

  it('a form edit shows in the JSON, and a JSON edit shows in the form', async () => {
    open(SCHEDULED, 4);
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Monday sweep' } });
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    expect(JSON.parse(jsonText().value)).toStrictEqual({ ...SCHEDULED, name: 'Monday sweep' });

    fireEvent.change(jsonText(), { target: { value: JSON.stringify({ ...SCHEDULED, name: 'From JSON', trigger: { ...SCHEDULED.trigger, cron: '30 7 * * 1-5' } }) } });
    fireEvent.click(screen.getByRole('tab', { name: 'Form' }));
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('From JSON');
    expect(screen.getByLabelText<HTMLInputElement>('Cron').value).toBe('30 7 * * 1-5');
  });

  it('JSON that does not parse shows the parse error and keeps the last good form', async () => {
    open(SCHEDULED, 4);
    await screen.findByDisplayValue('Weekly sweep');
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    fireEvent.change(jsonText(), { target: { value: '{"name": "Broken",' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Not valid JSON/);
    expect(jsonText().getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('tab', { name: 'Form' }));
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Weekly sweep');
  });

  it('shows the cron in words and its next five runs in the rule\'s zone', async () => {
    open(SCHEDULED, 4);
    await screen.findByDisplayValue('Weekly sweep');
    expect(screen.getByText(/At 08:00, only on Monday \(America\/New_York\)/)).toBeTruthy();
    const runs = within(screen.getByRole('list', { name: 'Next runs' })).getAllByRole('listitem');
    expect(runs).toHaveLength(5);
    for (const run of runs) expect(run.textContent).toMatch(/^Mon, .* 08:00 \(UTC-0[45]:00\)$/);
  });
});

describe('RuleEditor: validation as you type', () => {
  it('a bad cron shows under the cron input, tied to it', async () => {
    open(SCHEDULED, 4);
    const cron = await screen.findByLabelText('Cron');
    fireEvent.change(cron, { target: { value: '0 8 * *' } });
    await waitFor(() => { expect(cron.getAttribute('aria-invalid')).toBe('true'); });
    const messages = document.getElementById(`${fieldDomId('/trigger/cron')}-issues`);
    expect(messages?.textContent).toMatch(/five fields/);
    expect(cron.getAttribute('aria-describedby')).toContain(messages?.id);
  });

  it('an issue deep in an action shows at that action\'s field, and the summary focuses it', async () => {
    open(SCHEDULED, 4);
    const action2 = within(await screen.findByRole('group', { name: 'Action 2' }));
    fireEvent.change(action2.getByLabelText('Transition to'), { target: { value: '' } });
    const summary = await screen.findByRole('list', { name: 'Problems in this rule' });
    const link = within(summary).getByRole('button', { name: /Action 2: Transition to/ });
    expect(action2.getByLabelText('Transition to').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(link);
    await waitFor(() => { expect(document.activeElement).toBe(action2.getByLabelText('Transition to')); });
  });

  it('an issue no field owns is listed in the summary with its path', async () => {
    open(SCHEDULED, 4);
    await screen.findByDisplayValue('Weekly sweep');
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    fireEvent.change(jsonText(), { target: { value: JSON.stringify({ ...SCHEDULED, colour: 'red' }) } });
    const summary = await screen.findByRole('list', { name: 'Problems in this rule' });
    expect(summary.textContent).toMatch(/colour.*\(\/colour\)/);
  });
});

describe('RuleEditor: saving', () => {
  it('sends the loaded version as expectedVersion and shows the new version', async () => {
    const { client } = open(SCHEDULED, 4, { 'rules.save': (p) => ok({ ok: true, unchanged: false, head: headOf(p.document as Record<string, unknown>, 5), version: 5 }) });
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Monday sweep' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved as version 5')).toBeTruthy();
    expect(screen.getByText(/Version 5, saved/)).toBeTruthy();
    expect(savesOf(client)).toStrictEqual([{ key: 'rules.save', payload: { document: { ...SCHEDULED, name: 'Monday sweep' }, expectedVersion: 4 } }]);
  });

  it('a stale save shows the conflict, saves nothing more, and Reload loads the current version', async () => {
    let version = 4;
    const { client } = open(SCHEDULED, 4, {
      'rules.get': () => ok({ head: headOf(SCHEDULED, version), document: asRule({ ...SCHEDULED, name: `Saved by someone at ${String(version)}` }) }),
      'rules.save': () => ({ ok: false, error: { code: 'CONFLICT', message: 'The rule was changed by someone else (now at version 6); reload it before saving.', currentVersion: 6 } }),
    });
    await screen.findByDisplayValue('Saved by someone at 4');
    version = 6;
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Mine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Someone else saved this rule')).toBeTruthy();
    expect(screen.getByText(/nothing was overwritten: the rule is now at version 6/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Mine');
    expect(savesOf(client)).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByDisplayValue('Saved by someone at 6')).toBeTruthy();
    expect(screen.queryByText('Someone else saved this rule')).toBeNull();
    expect(savesOf(client)).toHaveLength(1);
  });

  it('INVALID_RULE from the backend shows each issue at its field', async () => {
    open(SCHEDULED, 4, { 'rules.save': () => ({ ok: false, error: { code: 'INVALID_RULE', message: 'The rule has problems; nothing was saved.', issues: [{ path: '/trigger/jql', code: 'INVALID_VALUE', message: 'The JQL was refused.' }] } }) });
    await screen.findByDisplayValue('Weekly sweep');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Not saved: the rule has problems')).toBeTruthy();
    expect(document.getElementById(`${fieldDomId('/trigger/jql')}-issues`)?.textContent).toBe('The JQL was refused.');
    expect(screen.getByLabelText('JQL').getAttribute('aria-invalid')).toBe('true');
  });

  it('a new rule saves with expectedVersion null and opens the saved rule', async () => {
    const navigate = vi.fn();
    const client = fakeClient({ 'rules.save': (p) => ok({ ok: true, unchanged: false, head: headOf(p.document as Record<string, unknown>, 1), version: 1 }) });
    renderWithClient(<RuleEditor ruleId={null} navigate={navigate} />, client);
    fireEvent.change(screen.getByLabelText('Rule id'), { target: { value: 'my-rule' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'My rule' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => { expect(navigate).toHaveBeenCalledWith({ view: 'editor', ruleId: 'my-rule' }); });
    expect(savesOf(client)[0]?.payload).toMatchObject({ expectedVersion: null, document: { id: 'my-rule', name: 'My rule' } });
  });
});
