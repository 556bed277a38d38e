import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppSettings } from '../../app/settings/settings.js';
import { useClient } from './client.js';
import { RuleEditor } from './editor/rule-editor.js';
import { parseRoute, routeHash, type Navigate, type Route } from './route.js';
import { AuditView } from './views/audit-view.js';
import { ExecutionsView } from './views/executions-view.js';
import { RulesList } from './views/rules-list.js';
import { RunsView } from './views/runs-view.js';
import { SettingsView } from './views/settings-view.js';

const NAV: { label: string; route: Route; active: (r: Route) => boolean }[] = [
  { label: 'Rules', route: { view: 'rules' }, active: (r) => r.view === 'rules' || r.view === 'editor' },
  { label: 'Executions', route: { view: 'executions' }, active: (r) => r.view === 'executions' },
  { label: 'Scheduled runs', route: { view: 'runs' }, active: (r) => r.view === 'runs' },
  { label: 'Audit log', route: { view: 'audit' }, active: (r) => r.view === 'audit' },
  { label: 'Settings', route: { view: 'settings' }, active: (r) => r.view === 'settings' },
];

type Access = { state: 'checking' } | { state: 'allowed'; settings: AppSettings } | { state: 'refused'; message: string } | { state: 'failed'; message: string };

/**
 * The admin page: a navigation bar and one view at a time. It first asks for the settings, which also tells whether
 * the caller may use the page at all (the resolvers refuse anyone who is not a Jira administrator).
 */
export function App(): ReactNode {
  const client = useClient();
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [access, setAccess] = useState<Access>({ state: 'checking' });

  useEffect(() => {
    const onHash = (): void => { setRoute(parseRoute(window.location.hash)); };
    window.addEventListener('hashchange', onHash);
    return () => { window.removeEventListener('hashchange', onHash); };
  }, []);

  const refreshSettings = useCallback(async (): Promise<void> => {
    const answer = await client('settings.get', {});
    if (answer.ok) setAccess({ state: 'allowed', settings: answer.result });
    else if (answer.error.code === 'FORBIDDEN') setAccess({ state: 'refused', message: answer.error.message });
    else setAccess({ state: 'failed', message: answer.error.message });
  }, [client]);
  useEffect(() => { void refreshSettings(); }, [refreshSettings]);

  const navigate: Navigate = useCallback((next) => {
    const hash = routeHash(next);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(next);
  }, []);

  return (
    <div style={{ padding: token('space.300'), maxWidth: 1400, margin: '0 auto', color: token('color.text') }}>
      <header style={{ display: 'flex', alignItems: 'baseline', gap: token('space.300'), marginBottom: token('space.200'), flexWrap: 'wrap' }}>
        <h1 style={{ margin: 0, font: token('font.heading.large') }}>Ruleforge</h1>
        <nav aria-label="Ruleforge sections">
          <ul style={{ display: 'flex', gap: token('space.100'), listStyle: 'none', margin: 0, padding: 0, flexWrap: 'wrap' }}>
            {NAV.map((item) => {
              const current = item.active(route);
              return (
                <li key={item.label}>
                  <a
                    href={routeHash(item.route)}
                    aria-current={current ? 'page' : undefined}
                    style={{
                      display: 'inline-block', padding: `${token('space.050')} ${token('space.150')}`, borderRadius: token('radius.small'),
                      textDecoration: 'none', font: token('font.body'),
                      color: current ? token('color.text.selected') : token('color.text.subtle'),
                      background: current ? token('color.background.selected') : 'transparent',
                    }}
                  >{item.label}</a>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <main>
        {access.state === 'checking' && <p>Loading…</p>}
        {access.state === 'refused' && (
          <SectionMessage appearance="error" title="Only Jira administrators can use Ruleforge">
            <p>{access.message}</p>
          </SectionMessage>
        )}
        {access.state === 'failed' && (
          <SectionMessage appearance="error" title="Ruleforge could not load">
            <p>{access.message}</p>
          </SectionMessage>
        )}
        {access.state === 'allowed' && (
          <>
            {access.settings.paused && (
              <div style={{ marginBottom: token('space.200') }}>
                <SectionMessage appearance="warning" title="All rules are paused">
                  <p>No rule runs on events or schedules until an administrator resumes them in Settings.</p>
                </SectionMessage>
              </div>
            )}
            <View route={route} navigate={navigate} onSettingsChanged={refreshSettings} />
          </>
        )}
      </main>
    </div>
  );
}

function View({ route, navigate, onSettingsChanged }: { route: Route; navigate: Navigate; onSettingsChanged: () => Promise<void> }): ReactNode {
  switch (route.view) {
    case 'rules':
      return <RulesList navigate={navigate} />;
    case 'editor':
      return <RuleEditor key={route.ruleId ?? 'new'} ruleId={route.ruleId} navigate={navigate} />;
    case 'executions':
      return <ExecutionsView key={`${route.ruleId ?? ''}|${route.executionId ?? ''}`} ruleId={route.ruleId} executionId={route.executionId} navigate={navigate} />;
    case 'runs':
      return <RunsView key={`${route.ruleId ?? ''}|${route.runId ?? ''}`} ruleId={route.ruleId} runId={route.runId} navigate={navigate} />;
    case 'audit':
      return <AuditView />;
    case 'settings':
      return <SettingsView onSettingsChanged={onSettingsChanged} />;
  }
}
