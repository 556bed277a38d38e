import { token } from '@atlaskit/tokens';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { QueryBuilder, type RuleGroupTypeAny } from 'react-querybuilder';
import { CONDITION_OPERATORS, LOGIC_OPERATOR, OPERATOR_BY_NAME } from './condition-operators.js';
import { CONTROL_ELEMENTS, type BuilderContext } from './condition-controls.js';
import { isGroup, logicToQuery, queryToLogic, withIds, type ConditionGroup, type ConditionRow } from './condition-query.js';

const OPERATORS = CONDITION_OPERATORS.map((o) => ({ name: o.name, value: o.name, label: o.label, ...(o.unary === true ? { arity: 'unary' as const } : {}) }));

const DATA_PATHS = [
  'issue.key', 'issue.fields.summary', 'issue.fields.status.name', 'issue.fields.status.statusCategory.key', 'issue.fields.priority.name',
  'issue.fields.issuetype.name', 'issue.fields.labels', 'issue.fields.assignee.accountId', 'issue.fields.reporter.accountId',
  'issue.fields.components', 'issue.fields.fixVersions', 'issue.fields.created', 'issue.fields.updated', 'issue.fields.duedate',
  'comment.body', 'comment.author.accountId', 'event.actorAccountId', 'changelog.items',
];
const CHANGELOG_FIELDS = ['status', 'priority', 'assignee', 'resolution', 'labels', 'summary', 'issuetype', 'Fix Version', 'Sprint'];

/**
 * Carries a row's meaning across an operator change where it can: turning a row into JSON-Logic fills the box with
 * the row's expression, and turning JSON-Logic into an operator whose shape it has fills the field and value.
 */
function carryOperatorChanges(before: ConditionGroup, after: ConditionGroup): ConditionGroup {
  const previous = new Map<string, ConditionRow>();
  const index = (group: ConditionGroup): void => {
    for (const node of group.rules) {
      if (isGroup(node)) index(node);
      else if (node.id !== undefined) previous.set(node.id, node);
    }
  };
  index(before);
  const visit = (group: ConditionGroup): ConditionGroup => ({
    ...group,
    rules: group.rules.map((node) => {
      if (isGroup(node)) return visit(node);
      const old = node.id === undefined ? undefined : previous.get(node.id);
      if (old === undefined || old.operator === node.operator) return node;
      if (node.operator === LOGIC_OPERATOR.name) {
        const logic = queryToLogic({ combinator: 'and', bare: true, rules: [old] });
        return { ...node, value: JSON.stringify(logic, null, 2) };
      }
      if (old.operator === LOGIC_OPERATOR.name) {
        const parts = OPERATOR_BY_NAME.get(node.operator)?.read(LOGIC_OPERATOR.write('', old.value));
        return { ...node, field: parts?.field ?? '', value: parts?.value ?? '' };
      }
      return node;
    }),
  });
  return visit(after);
}

/**
 * The `when` condition as react-querybuilder rows. The document stays the source of truth: the builder re-reads
 * `when` whenever it changes from elsewhere (the JSON tab, a reload), and writes it on every edit of its own.
 */
export function ConditionBuilder({ when, letNames, onChange, describedBy }: { when: unknown; letNames: readonly string[]; onChange: (when: unknown) => void; describedBy?: string }): ReactNode {
  const [query, setQuery] = useState<ConditionGroup>(() => withIds(logicToQuery(when)));
  const written = useRef(JSON.stringify(when) as string | undefined);
  const key = JSON.stringify(when) as string | undefined;
  useEffect(() => {
    if (key === written.current) return;
    written.current = key;
    setQuery(withIds(logicToQuery(when)));
    // Keyed on the JSON: the builder's own writes come back equal and must not rebuild the rows being edited.
  }, [key]);

  const listId = useId();
  const letKey = letNames.join('\n');
  const context: BuilderContext = useMemo(
    () => ({ listId, dataPaths: [...letKey.split('\n').filter((n) => n !== '').map((n) => `let.${n}`), ...DATA_PATHS], changelogFields: CHANGELOG_FIELDS }),
    [listId, letKey],
  );

  const change = (next: RuleGroupTypeAny): void => {
    const carried = carryOperatorChanges(query, next as unknown as ConditionGroup);
    setQuery(carried);
    const logic = queryToLogic(carried);
    written.current = JSON.stringify(logic);
    onChange(logic);
  };

  return (
    <div aria-describedby={describedBy}>
      {query.rules.length === 0 && <p style={{ margin: `0 0 ${token('space.100')}`, color: token('color.text.subtle') }}>No condition: the actions run every time the trigger fires. Add a condition to narrow it.</p>}
      <QueryBuilder
        query={query}
        onQueryChange={change}
        fields={[]}
        operators={OPERATORS}
        controlElements={CONTROL_ELEMENTS}
        context={context}
        showNotToggle
        enableMountQueryChange={false}
        resetOnFieldChange={false}
        addRuleToNewGroups
      />
      <datalist id={`${listId}-data`}>{context.dataPaths.map((p) => <option key={p} value={p} />)}</datalist>
      <datalist id={`${listId}-changelog`}>{context.changelogFields.map((p) => <option key={p} value={p} />)}</datalist>
    </div>
  );
}
