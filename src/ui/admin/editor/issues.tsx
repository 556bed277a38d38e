import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { fieldDomId, formFields, ownerOf, type FormField } from './field-owners.js';
import type { Draft } from './document-edit.js';

export type Issue = { path: string; code: string; message: string };
export type PlacedIssue = Issue & { owner: FormField | undefined };

type Placed = { byTarget: ReadonlyMap<string, PlacedIssue[]>; all: readonly PlacedIssue[] };

const IssuesContext = createContext<Placed>({ byTarget: new Map(), all: [] });

/** Places each issue at the field that owns it, for the fields and the summary below the provider. */
export function IssuesProvider({ doc, issues, children }: { doc: Draft; issues: readonly Issue[]; children: ReactNode }): ReactNode {
  const placed = useMemo(() => placeIssues(doc, issues), [doc, issues]);
  return <IssuesContext.Provider value={placed}>{children}</IssuesContext.Provider>;
}

export function placeIssues(doc: Draft, issues: readonly Issue[]): Placed {
  const fields = formFields(doc);
  const byTarget = new Map<string, PlacedIssue[]>();
  const all = issues.map((issue) => {
    const owner = ownerOf(issue.path, fields);
    const item = { ...issue, owner };
    if (owner !== undefined) byTarget.set(owner.target, [...(byTarget.get(owner.target) ?? []), item]);
    return item;
  });
  return { byTarget, all };
}

export function useFieldIssues(target: string): PlacedIssue[] {
  return useContext(IssuesContext).byTarget.get(target) ?? [];
}

export function useAllIssues(): readonly PlacedIssue[] {
  return useContext(IssuesContext).all;
}

/** The attributes that tie an input to its messages: aria-invalid, and aria-describedby naming the message list. */
export function fieldA11y(target: string, issues: readonly Issue[], hintId?: string): { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined } {
  const ids = [hintId, issues.length > 0 ? `${fieldDomId(target)}-issues` : undefined].filter((id) => id !== undefined);
  return { 'aria-invalid': issues.length > 0 ? true : undefined, 'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined };
}

export function FieldMessages({ target, issues }: { target: string; issues: readonly Issue[] }): ReactNode {
  if (issues.length === 0) return null;
  return (
    <ul id={`${fieldDomId(target)}-issues`} style={{ margin: `${token('space.050')} 0 0`, padding: 0, listStyle: 'none', color: token('color.text.danger'), font: token('font.body.small') }}>
      {issues.map((issue) => <li key={`${issue.path}|${issue.code}`}>{issue.message}{issue.path === target ? '' : <span style={{ color: token('color.text.subtle') }}> (at {issue.path})</span>}</li>)}
    </ul>
  );
}

/** Focuses a field's element, or the first control inside it when it is a container. */
export function focusField(target: string): void {
  const element = document.getElementById(fieldDomId(target));
  if (element === null) return;
  const control = element.matches('input, select, textarea, button, [tabindex]') ? element : element.querySelector<HTMLElement>('input, select, textarea, button');
  (control ?? element).focus();
}

// A button, not a link: the page routes by location.hash, and a fragment link would leave the editor.
const LINK_BUTTON = { background: 'none', border: 'none', padding: 0, font: 'inherit', color: token('color.link'), textDecoration: 'underline', cursor: 'pointer', textAlign: 'left' } as const;

/** Every problem at the top of the page; a problem with a field links to it, the rest say where they are. */
export function IssueSummary({ onGoTo }: { onGoTo: (target: string) => void }): ReactNode {
  const issues = useAllIssues();
  if (issues.length === 0) return null;
  const count = issues.length === 1 ? '1 problem' : `${String(issues.length)} problems`;
  return (
    <SectionMessage appearance="warning" title={`This rule has ${count}`}>
      <ul aria-label="Problems in this rule" style={{ margin: 0, paddingLeft: token('space.200') }}>
        {issues.map((issue) => (
          <li key={`${issue.path}|${issue.code}`}>
            {issue.owner === undefined
              ? <span>{issue.message} <span style={{ color: token('color.text.subtle') }}>({issue.path === '' ? 'the whole rule' : issue.path})</span></span>
              : <button type="button" style={LINK_BUTTON} onClick={() => { if (issue.owner !== undefined) onGoTo(issue.owner.target); }}>{issue.owner.label}: {issue.message}</button>}
          </li>
        ))}
      </ul>
    </SectionMessage>
  );
}
