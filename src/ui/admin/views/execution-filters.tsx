import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ExecutionStatus } from '../../../app/executions/execution-record.js';
import { statusWords } from '../components/status-lozenge.js';
import { fieldLabel, filterBar, nativeSelect } from '../components/table-styles.js';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = ['SUCCESS', 'SOME_ERRORS', 'FAILED', 'THROTTLED', 'SKIPPED_DUPLICATE', 'DRY_RUN'];

/** The filters as typed; `executionQuery` turns them into the request. */
export type ExecutionFilterValues = { ruleId: string; status: string; issueKey: string; from: string; to: string };
export type ExecutionQuery = { ruleId?: string; status?: string; issueKey?: string; from?: string; to?: string };

export const emptyExecutionFilters = (ruleId = ''): ExecutionFilterValues => ({ ruleId, status: '', issueKey: '', from: '', to: '' });

/** datetime-local gives a wall-clock time in the reader's zone; the backend compares UTC instants. */
const instant = (local: string): string | undefined => {
  if (local === '') return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
};

export function executionQuery(values: ExecutionFilterValues): ExecutionQuery {
  const query: ExecutionQuery = {};
  const ruleId = values.ruleId.trim();
  const issueKey = values.issueKey.trim().toUpperCase();
  const from = instant(values.from);
  const to = instant(values.to);
  if (ruleId !== '') query.ruleId = ruleId;
  if (values.status !== '') query.status = values.status;
  if (issueKey !== '') query.issueKey = issueKey;
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  return query;
}

/** Filters are applied together (Apply, or Enter in a field): each change would otherwise be a request. */
export function ExecutionFilters({ initial, onApply }: { initial: ExecutionFilterValues; onApply: (values: ExecutionFilterValues) => void }): ReactNode {
  const [values, setValues] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (name: keyof ExecutionFilterValues) => (event: { currentTarget: { value: string } }): void => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [name]: value }));
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const query = executionQuery(values);
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      setProblem('"From" is after "To": no execution can be in between.');
      return;
    }
    setProblem(null);
    onApply(values);
  };
  const clear = (): void => {
    const cleared = emptyExecutionFilters();
    setValues(cleared);
    setProblem(null);
    onApply(cleared);
  };
  return (
    <form onSubmit={submit} aria-label="Filter executions">
      <div style={filterBar}>
        <div style={{ width: 200 }}>
          <label htmlFor="executions-rule" style={fieldLabel}>Rule id</label>
          <Textfield id="executions-rule" value={values.ruleId} onChange={set('ruleId')} />
        </div>
        <div>
          <label htmlFor="executions-status" style={fieldLabel}>Status</label>
          <select id="executions-status" style={nativeSelect} value={values.status} onChange={set('status')}>
            <option value="">Any status</option>
            {EXECUTION_STATUSES.map((s) => <option key={s} value={s}>{statusWords(s)}</option>)}
          </select>
        </div>
        <div style={{ width: 140 }}>
          <label htmlFor="executions-issue" style={fieldLabel}>Issue key</label>
          <Textfield id="executions-issue" placeholder="OPS-7" value={values.issueKey} onChange={set('issueKey')} />
        </div>
        <div>
          <label htmlFor="executions-from" style={fieldLabel}>From</label>
          <Textfield id="executions-from" type="datetime-local" value={values.from} onChange={set('from')} aria-invalid={problem !== null} />
        </div>
        <div>
          <label htmlFor="executions-to" style={fieldLabel}>To</label>
          <Textfield id="executions-to" type="datetime-local" value={values.to} onChange={set('to')} aria-invalid={problem !== null} />
        </div>
        <Button type="submit" appearance="primary">Apply filters</Button>
        <Button onClick={clear}>Clear filters</Button>
      </div>
      {problem !== null && <p role="alert" style={{ color: token('color.text.danger') }}>{problem}</p>}
    </form>
  );
}
