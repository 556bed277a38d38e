import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { useCallback, useState, type ReactNode } from 'react';
import { routeHash, type Navigate } from '../route.js';
import { asText, setAt, type Draft, type Segment } from './document-edit.js';
import { EnabledSwitch } from './enabled-switch.js';
import { RuleForm } from './form/rule-form.js';
import { HistoryTab } from './history/history-tab.js';
import { focusField, IssueSummary, IssuesProvider } from './issues.js';
import { JsonTab } from './json-tab.js';
import { SaveNoticeMessage } from './save-notice.js';
import { TestPanel } from './test-panel.js';
import { useRuleSession } from './use-rule-session.js';
import { useValidation } from './use-validation.js';

const FORM_TAB = 0;
const PANEL = { paddingTop: token('space.200'), width: '100%' } as const;

/**
 * The rule editor: the document as a form and as JSON, validated as it changes, saved as a new version (a stale
 * save is a conflict, never an overwrite), dry-run on an issue before it is saved, and its history.
 */
export function RuleEditor({ ruleId, navigate }: { ruleId: string | null; navigate: Navigate }): ReactNode {
  const session = useRuleSession(ruleId, navigate);
  const { doc, head, notice, loading } = session;
  const localIssues = useValidation(doc, ruleId);
  const issues = session.serverIssues ?? localIssues;
  const [tab, setTab] = useState(FORM_TAB);
  const { edit: setDoc } = session;
  const edit = useCallback((path: readonly Segment[], value: unknown): void => { setDoc((prev) => setAt(prev, path, value)); }, [setDoc]);
  const goTo = (target: string): void => {
    setTab(FORM_TAB);
    setTimeout(() => { focusField(target); }, 0);
  };

  if (loading.state === 'loading') return <p>Loading the rule…</p>;
  if (loading.state === 'failed') {
    return (
      <SectionMessage appearance="error" title={loading.code === 'NOT_FOUND' ? 'This rule does not exist' : 'The rule could not be loaded'}>
        <p>{loading.message}</p>
        <p><a href={routeHash({ view: 'rules' })}>Back to the rules</a></p>
      </SectionMessage>
    );
  }

  const title = asText(doc.name) === '' ? (ruleId === null ? 'New rule' : ruleId) : asText(doc.name);
  return (
    <IssuesProvider doc={doc} issues={issues}>
      <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: token('space.200'), flexWrap: 'wrap', marginBottom: token('space.200') }}>
        <div>
          <p style={{ margin: 0 }}><a href={routeHash({ view: 'rules' })}>← Rules</a></p>
          <h2 style={{ margin: `${token('space.050')} 0`, font: token('font.heading.medium') }}>{title}</h2>
          <p aria-live="polite" style={{ margin: 0, color: token('color.text.subtle'), font: token('font.body.small') }}>
            {head === null ? 'Not saved yet' : `Version ${String(head.version)}, saved ${head.updatedAt} by ${head.updatedBy}`}
            {session.dirty ? ' · Unsaved changes' : ''}
          </p>
        </div>
        <Button appearance="primary" isLoading={session.saving} onClick={() => { void session.save(); }}>Save</Button>
      </div>
      <div style={{ display: 'grid', gap: token('space.150'), marginBottom: token('space.200') }}>
        {notice !== null && <SaveNoticeMessage notice={notice} isNew={ruleId === null} ruleId={asText(doc.id)} onReload={() => { void session.reload(); }} navigate={navigate} />}
        <IssueSummary onGoTo={goTo} />
      </div>
      <Tabs id="rf-editor-tabs" selected={tab} onChange={setTab}>
        <TabList>
          {[<Tab key="form">Form</Tab>, <Tab key="json">JSON</Tab>, <Tab key="test">Test</Tab>, ...(ruleId === null ? [] : [<Tab key="history">History</Tab>])]}
        </TabList>
        {[
          <TabPanel key="form">
            <div style={PANEL}>
              <RuleForm doc={doc} edit={edit} isNew={ruleId === null} {...(head === null ? {} : { enabledControl: <EnabledSwitch head={head} onChanged={session.setHead} /> })} />
            </div>
          </TabPanel>,
          <TabPanel key="json">
            <div style={PANEL}><JsonTab doc={doc} onChange={(next: Draft) => { setDoc(next); }} /></div>
          </TabPanel>,
          <TabPanel key="test">
            <div style={PANEL}><TestPanel doc={doc} /></div>
          </TabPanel>,
          ...(ruleId === null ? [] : [
            <TabPanel key="history">
              <div style={PANEL}>
                <HistoryTab ruleId={ruleId} currentVersion={head?.version ?? null} dirty={session.dirty} onRolledBack={() => { void session.reload(); }} />
              </div>
            </TabPanel>,
          ]),
        ]}
      </Tabs>
    </IssuesProvider>
  );
}
