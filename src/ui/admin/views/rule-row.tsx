import Lozenge from '@atlaskit/lozenge';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { RuleStats } from '../../../app/executions/rule-stats.js';
import type { RuleHead } from '../../../app/rules/rule-records.js';
import { ActivityChart } from '../components/activity-chart.js';
import { RouteLink } from '../components/route-link.js';
import { StatusLozenge } from '../components/status-lozenge.js';
import { bodyCell, subtleText } from '../components/table-styles.js';
import { When } from '../components/when.js';
import type { Navigate } from '../route.js';
import { flagWords, scopeWords, triggerWords } from './rule-words.js';

export type StatsState = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; days: string[]; byRule: Map<string, RuleStats> };

/** One rule of the list: what it is, whether it runs, and what it did lately. */
export function RuleRow({ head, stats, busy, onToggle, navigate }: {
  head: RuleHead;
  stats: StatsState;
  busy: boolean;
  onToggle: (head: RuleHead) => void;
  navigate: Navigate;
}): ReactNode {
  const scope = scopeWords(head);
  const ruleStats = stats.state === 'ready' ? stats.byRule.get(head.ruleId) : undefined;
  const last = ruleStats?.last ?? null;
  return (
    <tr>
      <td style={bodyCell}>
        <RouteLink to={{ view: 'editor', ruleId: head.ruleId }} navigate={navigate}>{head.name}</RouteLink>
        <div style={subtleText}>{head.ruleId} · v{head.version}</div>
      </td>
      <td style={bodyCell}>{triggerWords(head)}</td>
      <td style={bodyCell}>{scope ?? <span style={subtleText} title="Open the rule to see its scope">—</span>}</td>
      <td style={bodyCell}>
        <Toggle label={`Enabled: ${head.name}`} isChecked={head.enabled} isDisabled={busy} onChange={() => { onToggle(head); }} />
      </td>
      <td style={bodyCell}>
        {head.flag !== undefined && <span title={head.flag}><Lozenge appearance="removed">{flagWords(head.flag)}</Lozenge></span>}
      </td>
      <td style={bodyCell}>
        {last === null
          ? <span style={subtleText}>{stats.state === 'loading' ? '…' : 'Never'}</span>
          : (
            <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.050') }}>
              <RouteLink to={{ view: 'executions', executionId: last.executionId }} navigate={navigate} label={`Last run of ${head.name}`}>
                <StatusLozenge status={last.status} />
              </RouteLink>
              <span style={subtleText}><When iso={last.at} /></span>
            </div>
          )}
      </td>
      <td style={bodyCell}>
        {stats.state === 'ready' && ruleStats !== undefined
          ? <ActivityChart days={stats.days} runs={ruleStats.runs} failures={ruleStats.failures} />
          : <span style={subtleText}>{stats.state === 'loading' ? '…' : '—'}</span>}
      </td>
    </tr>
  );
}
