import '../components/jsdom-shims.js';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { ConditionBuilder } from './condition/condition-builder.js';
import { asRule, headOf } from './editor-fixtures.js';
import { EXAMPLE_RULES } from './example-rules.js';
import { RuleEditor } from './rule-editor.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
afterEach(cleanup);

describe('every example rule survives the editor untouched', () => {
  it.each(EXAMPLE_RULES)('%s: the JSON tab shows the document as loaded, with nothing to save', async (_file, rule) => {
    const client = fakeClient({ 'rules.get': () => ok({ head: headOf(rule, 2), document: asRule(rule) }) });
    renderWithClient(<RuleEditor ruleId={String(rule.id)} navigate={vi.fn()} />, client);
    await screen.findByDisplayValue(String(rule.name));
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    expect(JSON.parse(screen.getByLabelText<HTMLTextAreaElement>('Rule document (JSON)').value)).toStrictEqual(rule);
    expect(screen.queryByText(/Unsaved changes/)).toBeNull();
  });
});

describe('the condition builder round-trips every example rule\'s when through its own state', () => {
  it.each(EXAMPLE_RULES)('%s: adding and removing a condition writes the when back as it was', (_file, rule) => {
    const onChange = vi.fn();
    render(<ConditionBuilder when={rule.when} letNames={Object.keys(rule.let ?? {})} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const rows = screen.getAllByRole('button', { name: /^Remove condition \d+$/ });
    const last = rows[rows.length - 1];
    if (last === undefined) throw new Error('no condition row');
    fireEvent.click(last);
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange.mock.lastCall?.[0]).toStrictEqual(rule.when);
  });

  it('a changed-from row typed in the builder writes the Jira operator', () => {
    const onChange = vi.fn();
    render(<ConditionBuilder when={undefined} letNames={[]} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    fireEvent.change(screen.getByLabelText('Condition 1 field'), { target: { value: 'status' } });
    fireEvent.change(screen.getByLabelText('Condition 1 operator'), { target: { value: 'changedFrom' } });
    fireEvent.change(screen.getByLabelText('Condition 1 value'), { target: { value: 'Done' } });
    expect(onChange.mock.lastCall?.[0]).toStrictEqual({ changedFrom: ['status', 'Done'] });
  });

  it('a part the builder has no row for is an editable JSON block, kept exactly', () => {
    const onChange = vi.fn();
    const when = { and: [{ matches: [{ lower: { var: 'issue.fields.summary' } }, 'cve-[0-9]+'] }, { '==': [{ var: 'issue.fields.priority.name' }, 'High'] }] };
    render(<ConditionBuilder when={when} letNames={[]} onChange={onChange} />);
    const block = screen.getByLabelText<HTMLTextAreaElement>('Condition 1 JSON-Logic');
    expect(JSON.parse(block.value)).toStrictEqual(when.and[0]);
    expect(screen.getByText(/kept as JSON-Logic, exactly as written/)).toBeTruthy();

    fireEvent.change(block, { target: { value: '{"matches": [{"var": "issue.fields.summary"}' } });
    expect(screen.getByRole('alert').textContent).toMatch(/Not valid JSON/);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(block, { target: { value: '{"matches": [{"var": "issue.fields.summary"}, "CVE"]}' } });
    expect(onChange.mock.lastCall?.[0]).toStrictEqual({ and: [{ matches: [{ var: 'issue.fields.summary' }, 'CVE'] }, when.and[1]] });
  });

  it('turning a row into JSON-Logic fills the block with the row\'s expression', () => {
    const onChange = vi.fn();
    render(<ConditionBuilder when={{ changedTo: ['resolution', 'Done'] }} letNames={[]} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Condition 1 operator'), { target: { value: 'logic' } });
    expect(JSON.parse(screen.getByLabelText<HTMLTextAreaElement>('Condition 1 JSON-Logic').value)).toStrictEqual({ changedTo: ['resolution', 'Done'] });
    expect(onChange.mock.lastCall?.[0]).toStrictEqual({ changedTo: ['resolution', 'Done'] });
  });
});
