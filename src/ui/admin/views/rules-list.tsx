import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { RuleHead } from '../../../app/rules/rule-records.js';
import { useClient } from '../client.js';
import { LoadError } from '../components/load-error.js';
import { Pager } from '../components/pager.js';
import { bodyCell, fieldLabel, filterBar, headCell, subtleText, tableStyle, viewHeading } from '../components/table-styles.js';
import { useDebounced } from '../components/use-debounced.js';
import { pageOf, usePages } from '../components/use-pages.js';
import type { Navigate } from '../route.js';
import { RuleRow, type StatsState } from './rule-row.js';
import { PageFilters, NO_FILTERS, type PageFilterValues } from './rule-page-filters.js';

export const RULES_PAGE_SIZE = 50;
export const STATS_DAYS = 14;

/**
 * The rules, 50 at a time in name order. The search box narrows by name prefix on the backend (its by-name index);
 * the other filters only sift the page already loaded, so the list never asks for every rule.
 */
export function RulesList({ navigate }: { navigate: Navigate }): ReactNode {
  const client = useClient();
  const [search, setSearch] = useState('');
  const namePrefix = useDebounced(search.trim(), 300);
  const [filters, setFilters] = useState<PageFilterValues>(NO_FILTERS);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [toggleError, setToggleError] = useState<string | null>(null);

  const fetchPage = useCallback(async (cursor: string | undefined) => pageOf(await client('rules.list', {
    limit: RULES_PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }), ...(namePrefix === '' ? {} : { namePrefix }),
  })), [client, namePrefix]);
  const pages = usePages<RuleHead>(fetchPage);
  const stats = usePageStats(pages.status === 'ready' ? pages.items.map((h) => h.ruleId) : null);

  const toggle = useCallback(async (head: RuleHead): Promise<void> => {
    const enabled = !head.enabled;
    setToggleError(null);
    setBusy((s) => new Set(s).add(head.ruleId));
    pages.patch((h) => (h.ruleId === head.ruleId ? { ...h, enabled } : h));
    const answer = await client('rules.setEnabled', { ruleId: head.ruleId, enabled });
    // The answer's head is the truth (enabling also clears a throttle flag); a refusal puts the switch back.
    pages.patch((h) => (h.ruleId !== head.ruleId ? h : answer.ok ? answer.result.head : { ...h, enabled: head.enabled }));
    if (!answer.ok) setToggleError(`${head.name} was not ${enabled ? 'enabled' : 'disabled'}: ${answer.error.message}`);
    setBusy((s) => { const next = new Set(s); next.delete(head.ruleId); return next; });
  }, [client, pages]);

  const shown = pages.items.filter((head) => matchesFilters(head, filters));
  return (
    <section aria-labelledby="rules-heading">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
        <h2 id="rules-heading" style={viewHeading}>Rules</h2>
        <Button appearance="primary" onClick={() => { navigate({ view: 'editor', ruleId: null }); }}>New rule</Button>
      </div>
      <div style={filterBar}>
        <div style={{ minWidth: 260 }}>
          <label htmlFor="rules-search" style={fieldLabel}>Search rules</label>
          <Textfield id="rules-search" type="search" placeholder="Name starts with…" value={search} onChange={(e) => { setSearch(e.currentTarget.value); }} />
        </div>
        <PageFilters value={filters} onChange={setFilters} />
      </div>
      {toggleError !== null && <div role="alert" style={{ marginBottom: token('space.150') }}><LoadError title="The change was not made" message={toggleError} /></div>}
      {pages.status === 'failed' && <LoadError title="The rules could not be loaded" message={pages.error ?? ''} onRetry={pages.reload} />}
      {pages.status !== 'failed' && (
        <>
          <table style={tableStyle} aria-busy={pages.status === 'loading'}>
            <caption style={{ ...subtleText, textAlign: 'left', captionSide: 'bottom', paddingTop: token('space.100') }}>
              {pages.status === 'loading' ? 'Loading rules…' : `${shown.length} of ${pages.items.length} rules on this page`}
            </caption>
            <thead>
              <tr>
                {['Name', 'Trigger', 'Scope', 'Enabled', 'Flags', 'Last run', `Last ${STATS_DAYS} days`].map((h) => <th key={h} scope="col" style={headCell}>{h}</th>)}
              </tr>
            </thead>
            <tbody>
              {shown.map((head) => (
                <RuleRow key={head.ruleId} head={head} stats={stats} busy={busy.has(head.ruleId)} onToggle={(h) => { void toggle(h); }} navigate={navigate} />
              ))}
              {pages.status === 'ready' && shown.length === 0 && (
                <tr><td colSpan={7} style={bodyCell}>{emptyText(pages.items.length, namePrefix)}</td></tr>
              )}
            </tbody>
          </table>
          <Pager pages={pages} label="Rules pages" />
        </>
      )}
    </section>
  );
}

function emptyText(loaded: number, namePrefix: string): string {
  if (loaded > 0) return 'No rule on this page matches the filters.';
  return namePrefix === '' ? 'No rules yet. Create one with "New rule".' : `No rule name starts with "${namePrefix}".`;
}

function matchesFilters(head: RuleHead, filters: PageFilterValues): boolean {
  if (filters.trigger !== 'any' && head.triggerType !== filters.trigger) return false;
  if (filters.enabled !== 'any' && head.enabled !== (filters.enabled === 'enabled')) return false;
  if (filters.flagged !== 'any' && (head.flag !== undefined) !== (filters.flagged === 'flagged')) return false;
  return true;
}

/** The 14-day stats of the rules on the page, asked once per page (never for rules not shown). */
function usePageStats(ruleIds: string[] | null): StatsState {
  const client = useClient();
  const [stats, setStats] = useState<StatsState>({ state: 'loading' });
  const key = ruleIds === null ? null : ruleIds.join('\n');
  useEffect(() => {
    if (key === null) return;
    const ids = key === '' ? [] : key.split('\n');
    if (ids.length === 0) { setStats({ state: 'ready', days: [], byRule: new Map() }); return; }
    let live = true;
    setStats({ state: 'loading' });
    void client('rules.stats', { ruleIds: ids, days: STATS_DAYS }).then((answer) => {
      if (!live) return;
      setStats(answer.ok ? { state: 'ready', days: answer.result.days, byRule: new Map(answer.result.rules.map((r) => [r.ruleId, r])) } : { state: 'failed' });
    });
    return () => { live = false; };
  }, [client, key]);
  return stats;
}
