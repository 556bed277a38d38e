import { token } from '@atlaskit/tokens';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import {
  Rule, RuleGroup,
  type ActionProps, type CombinatorSelectorProps, type ControlElementsProp, type FieldSelectorProps, type FullField, type FullOperator, type NotToggleProps,
  type OperatorSelectorProps, type Path, type RuleGroupProps, type RuleProps, type ValueEditorProps,
} from 'react-querybuilder';
import { codeStyle, hintStyle, inputStyle } from '../form/controls.js';
import { decodeList, decodeValue, type Decoded } from '../value-text.js';
import { OPERATOR_BY_NAME } from './condition-operators.js';

/**
 * The builder's controls, in the page's look and with names a person (and a browser test) can find: each names its
 * condition by position ("Condition 2 field", "Condition 1.2 operator") so no two controls on the page share a name.
 */
const position = (path: Path): string => path.map((i) => String(i + 1)).join('.');
const conditionName = (path: Path): string => `Condition ${position(path)}`;
const groupName = (path: Path): string => (path.length === 0 ? 'all conditions' : `group ${position(path)}`);

export type BuilderContext = { dataPaths: readonly string[]; changelogFields: readonly string[]; listId: string };

const control: CSSProperties = { ...inputStyle(false), width: 'auto', marginRight: token('space.100'), verticalAlign: 'top' };
const button: CSSProperties = {
  font: token('font.body'), padding: `${token('space.050')} ${token('space.150')}`, marginRight: token('space.100'), cursor: 'pointer',
  border: `1px solid ${token('color.border')}`, borderRadius: token('radius.small'), background: token('color.background.neutral'), color: token('color.text'),
};

function FieldInput(props: FieldSelectorProps): ReactNode {
  const context = props.context as BuilderContext;
  const operator = OPERATOR_BY_NAME.get(props.rule.operator);
  if (operator?.name === 'logic') return null;
  const changelog = operator?.changelogField === true;
  return (
    <input
      type="text" aria-label={`${conditionName(props.path)} field`} value={props.value ?? ''} list={`${context.listId}-${changelog ? 'changelog' : 'data'}`}
      placeholder={changelog ? 'Jira field, e.g. status' : 'Data path, e.g. issue.fields.status.name'} spellCheck={false}
      onChange={(e) => { props.handleOnChange(e.target.value); }} style={{ ...control, minWidth: '18em' }}
    />
  );
}

function OperatorSelect(props: OperatorSelectorProps): ReactNode {
  // The builder is given a flat list (no option groups).
  const options = props.options as readonly FullOperator[];
  return (
    <select aria-label={`${conditionName(props.path)} operator`} value={props.value} onChange={(e) => { props.handleOnChange(e.target.value); }} style={control}>
      {options.map((o) => <option key={o.name} value={o.name}>{o.label}</option>)}
    </select>
  );
}

/** The value box: what was typed stays while it does not decode; the row keeps its last good value meanwhile. */
function ValueInput(props: ValueEditorProps): ReactNode {
  const isLogic = props.operator === 'logic';
  const decode = (text: string): Decoded => (props.operator === 'in' ? decodeList(text) : decodeValue(text));
  const value = typeof props.value === 'string' ? props.value : '';
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setText(value); setError(null); }, [value]);
  const change = (next: string): void => {
    setText(next);
    const decoded = decode(next);
    setError(decoded.ok ? null : decoded.message);
    if (decoded.ok) props.handleOnChange(next);
  };
  const name = conditionName(props.path);
  const errorId = `${name.replace(/\W/g, '-')}-error`;
  const a11y = { 'aria-invalid': error === null ? undefined : true, 'aria-describedby': error === null ? undefined : errorId } as const;
  return (
    <span style={{ display: 'inline-block', verticalAlign: 'top', minWidth: isLogic ? '70%' : '14em' }}>
      {isLogic
        ? <>
            <textarea aria-label={`${name} JSON-Logic`} {...a11y} value={text} rows={Math.min(12, Math.max(3, text.split('\n').length))} spellCheck={false} onChange={(e) => { change(e.target.value); }} style={codeStyle(error !== null)} />
            <span style={{ ...hintStyle, display: 'block' }}>The builder has no row for this part of the condition, so it is kept as JSON-Logic, exactly as written. Edit it here.</span>
          </>
        : <input type="text" aria-label={`${name} value`} {...a11y} value={text} placeholder={props.operator === 'in' ? 'A, B, C' : 'Text, number, true/false, null or JSON'} spellCheck={false} onChange={(e) => { change(e.target.value); }} style={{ ...control, width: '100%' }} />}
      {error !== null && <span id={errorId} role="alert" style={{ ...hintStyle, display: 'block', color: token('color.text.danger') }}>{error}</span>}
    </span>
  );
}

function CombinatorSelect(props: CombinatorSelectorProps): ReactNode {
  return (
    <select aria-label={`Combine ${groupName(props.path)} with`} value={props.value} onChange={(e) => { props.handleOnChange(e.target.value); }} style={control}>
      <option value="and">All of these are true (and)</option>
      <option value="or">Any of these is true (or)</option>
    </select>
  );
}

function NotToggle(props: NotToggleProps): ReactNode {
  return (
    <label style={{ marginRight: token('space.150'), font: token('font.body') }}>
      <input type="checkbox" checked={props.checked === true} onChange={(e) => { props.handleOnChange(e.target.checked); }} /> Not ({groupName(props.path)} negated)
    </label>
  );
}

const action = (name: (path: Path) => string, text?: (path: Path) => string) => function Action(props: ActionProps): ReactNode {
  return <button type="button" aria-label={name(props.path)} onClick={(e) => { props.handleOnClick(e); }} style={button}>{text?.(props.path) ?? name(props.path)}</button>;
};

function GroupFrame(props: RuleGroupProps): ReactNode {
  const nested = props.path.length > 0;
  return (
    <div style={nested ? { margin: `${token('space.100')} 0`, padding: token('space.150'), borderLeft: `3px solid ${token('color.border')}`, background: token('elevation.surface.sunken') } : {}}>
      <RuleGroup {...props} />
    </div>
  );
}

function RowFrame(props: RuleProps): ReactNode {
  return <div style={{ margin: `${token('space.100')} 0` }}><Rule {...props} /></div>;
}

export const CONTROL_ELEMENTS: ControlElementsProp<FullField, string> = {
  fieldSelector: FieldInput,
  operatorSelector: OperatorSelect,
  valueEditor: ValueInput,
  combinatorSelector: CombinatorSelect,
  notToggle: NotToggle,
  addRuleAction: action((p) => (p.length === 0 ? 'Add condition' : `Add condition to group ${position(p)}`), () => 'Add condition'),
  addGroupAction: action((p) => (p.length === 0 ? 'Add group' : `Add group to group ${position(p)}`), () => 'Add group'),
  removeRuleAction: action((p) => `Remove condition ${position(p)}`, () => 'Remove'),
  removeGroupAction: action((p) => `Remove group ${position(p)}`, () => 'Remove group'),
  ruleGroup: GroupFrame,
  rule: RowFrame,
};
