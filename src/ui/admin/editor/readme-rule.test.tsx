import '../components/jsdom-shims.js';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { validateRule } from '../../../core/rule/validate.js';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { headOf, README_RULE } from './editor-fixtures.js';
import { RuleEditor } from './rule-editor.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

const type = (element: HTMLElement, value: string): void => { fireEvent.change(element, { target: { value } }); };

it('a new admin writes the README rule in the form alone, by the controls\' names', async () => {
  const client = fakeClient({ 'rules.save': (p) => ok({ ok: true, unchanged: false, head: headOf(p.document as Record<string, unknown>, 1), version: 1 }) });
  const navigate = vi.fn();
  renderWithClient(<RuleEditor ruleId={null} navigate={navigate} />, client);

  type(screen.getByLabelText('Rule id'), 'comment-when-reopened');
  type(screen.getByLabelText('Name', { exact: true }), 'Comment when a resolved issue is reopened');
  expect(screen.getByLabelText<HTMLSelectElement>('Trigger').value).toBe('event');
  expect(screen.getByLabelText<HTMLInputElement>('Issue updated (avi:jira:updated:issue)').checked).toBe(true);
  type(screen.getByLabelText('Changed fields'), 'status');

  fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
  type(screen.getByLabelText('Condition 1 field'), 'status');
  fireEvent.change(screen.getByLabelText('Condition 1 operator'), { target: { value: 'changedFrom' } });
  type(screen.getByLabelText('Condition 1 value'), 'Done');

  const first = within(screen.getByRole('group', { name: 'Action 1' }));
  expect(first.getByLabelText<HTMLSelectElement>('Action type').value).toBe('comment');
  type(first.getByLabelText('Comment body'), 'Reopened after being Done: please say what changed.');
  fireEvent.click(screen.getByRole('button', { name: 'Add action' }));
  const second = within(screen.getByRole('group', { name: 'Action 2' }));
  fireEvent.change(second.getByLabelText('Action type'), { target: { value: 'addLabels' } });
  type(second.getByLabelText('Labels'), 'reopened');

  await waitFor(() => { expect(screen.queryByRole('list', { name: 'Problems in this rule' })).toBeNull(); });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => { expect(navigate).toHaveBeenCalledWith({ view: 'editor', ruleId: 'comment-when-reopened' }); });
  const saved = client.calls.find((c) => c.key === 'rules.save')?.payload as { document: unknown; expectedVersion: unknown };
  expect(saved).toStrictEqual({ document: README_RULE, expectedVersion: null });
  expect(validateRule(saved.document).ok).toBe(true);
});

it('a blank new rule shows what is missing at the fields, before anything is typed', async () => {
  renderWithClient(<RuleEditor ruleId={null} navigate={vi.fn()} />, fakeClient({}));
  await waitFor(() => { expect(screen.getByLabelText('Rule id').getAttribute('aria-invalid')).toBe('true'); });
  expect(screen.getByLabelText('Comment body').getAttribute('aria-invalid')).toBe('true');
});
