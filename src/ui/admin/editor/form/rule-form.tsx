import type { ReactNode } from 'react';
import { ConditionBuilder } from '../condition/condition-builder.js';
import { asObject, isObject } from '../document-edit.js';
import { fieldDomId } from '../field-owners.js';
import { FieldMessages, useFieldIssues } from '../issues.js';
import { ActionsSection } from './actions-section.js';
import { BasicsSection, LimitsSection, ScopeSection, type SectionProps } from './basics-section.js';
import { hintStyle, Section } from './controls.js';
import { LetSection } from './let-section.js';
import { TriggerSection } from './trigger-section.js';

function ConditionSection({ doc, edit }: SectionProps): ReactNode {
  const issues = useFieldIssues('/when');
  return (
    <Section title="Condition" id={fieldDomId('/when')}>
      <p style={{ ...hintStyle, marginTop: 0 }}>
        When these hold, the actions run. A field is a data path (issue.fields.status.name, let.ageDays); for "changed", "changed from" and "changed to" it is a Jira field name (status).
      </p>
      <FieldMessages target="/when" issues={issues} />
      <ConditionBuilder
        when={doc.when} letNames={isObject(doc.let) ? Object.keys(asObject(doc.let)) : []}
        onChange={(when) => { edit(['when'], when); }}
        {...(issues.length > 0 ? { describedBy: `${fieldDomId('/when')}-issues` } : {})}
      />
    </Section>
  );
}

/** Every part of the rule document as a form, in the spec's order. */
export function RuleForm({ doc, edit, isNew, enabledControl }: SectionProps & { isNew: boolean; enabledControl?: ReactNode }): ReactNode {
  return (
    <div style={{ maxWidth: 960 }}>
      <BasicsSection doc={doc} edit={edit} isNew={isNew} {...(enabledControl === undefined ? {} : { enabledControl })} />
      <TriggerSection doc={doc} edit={edit} />
      <ScopeSection doc={doc} edit={edit} />
      <LetSection doc={doc} edit={edit} />
      <ConditionSection doc={doc} edit={edit} />
      <ActionsSection doc={doc} edit={edit} />
      <LimitsSection doc={doc} edit={edit} />
    </div>
  );
}
