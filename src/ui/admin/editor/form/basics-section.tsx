import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { asObject, asText, setAt, type Draft, type Segment } from '../document-edit.js';
import { fieldDomId } from '../field-owners.js';
import { FieldMessages, useFieldIssues } from '../issues.js';
import { Checkbox, ListInput, NumberInput, Section, TextArea, TextInput, labelStyle } from './controls.js';

export type SectionProps = { doc: Draft; edit: (path: readonly Segment[], value: unknown) => void };

/** The id is the rule's key in storage: typed once for a new rule, shown (not editable) for a saved one. */
function SavedId({ id }: { id: string }): ReactNode {
  const issues = useFieldIssues('/id');
  return (
    <div style={{ marginBottom: token('space.200') }}>
      <span style={labelStyle}>Rule id</span>
      <code id={fieldDomId('/id')} tabIndex={-1} aria-describedby={issues.length > 0 ? `${fieldDomId('/id')}-issues` : undefined} style={{ font: token('font.code') }}>{id}</code>
      <FieldMessages target="/id" issues={issues} />
    </div>
  );
}

export function BasicsSection({ doc, edit, isNew, enabledControl }: SectionProps & { isNew: boolean; enabledControl?: ReactNode }): ReactNode {
  return (
    <Section title="Rule">
      {isNew
        ? <TextInput target="/id" label="Rule id" value={asText(doc.id)} onChange={(v) => { edit(['id'], v); }} hint='Lowercase letters, digits and "-", e.g. comment-when-reopened. It cannot change after the first save.' />
        : <SavedId id={asText(doc.id)} />}
      <TextInput target="/name" label="Name" value={asText(doc.name)} onChange={(v) => { edit(['name'], v); }} />
      <TextArea target="/description" label="Description" value={asText(doc.description)} onChange={(v) => { edit(['description'], v === '' ? undefined : v); }} hint="Optional: why the rule exists, for the next admin." />
      {isNew || enabledControl === undefined
        ? <Checkbox target="/enabled" label="Enabled" checked={doc.enabled !== false} onChange={(v) => { edit(['enabled'], v); }} hint="Whether the rule runs once it is saved." />
        : enabledControl}
    </Section>
  );
}

export function ScopeSection({ doc, edit }: SectionProps): ReactNode {
  const scope = asObject(doc.scope);
  const scopeIssues = useFieldIssues('/scope');
  const setList = (key: 'projects' | 'issueTypes', items: string[] | undefined): void => {
    const next = setAt(scope, [key], items);
    // No lists left means no scope at all: every project and issue type, as the spec reads an absent scope.
    edit(['scope'], Object.keys(next).length === 0 ? undefined : next);
  };
  return (
    <Section title="Scope" id={fieldDomId('/scope')}>
      <FieldMessages target="/scope" issues={scopeIssues} />
      <ListInput target="/scope/projects" label="Projects" value={scope.projects} onChange={(v) => { setList('projects', v); }} placeholder="Every project" hint="Project keys, separated by commas (OPS, PLAT). Empty: every project." />
      <ListInput target="/scope/issueTypes" label="Issue types" value={scope.issueTypes} onChange={(v) => { setList('issueTypes', v); }} placeholder="Every issue type" hint="Issue type names, separated by commas (Bug, Incident). Empty: every issue type." />
    </Section>
  );
}

export function LimitsSection({ doc, edit }: SectionProps): ReactNode {
  const limits = asObject(doc.limits);
  return (
    <Section title="Limits">
      <NumberInput
        target="/limits/maxRunsPerHour" label="Max runs per hour" value={limits.maxRunsPerHour}
        onChange={(v) => {
          const next = setAt(limits, ['maxRunsPerHour'], v);
          edit(['limits'], Object.keys(next).length === 0 ? undefined : next);
        }}
        hint="Over this many runs in an hour the rule is throttled; a sustained breach disables it. Empty: 500."
      />
    </Section>
  );
}
