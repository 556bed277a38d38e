import type { ReactNode } from 'react';
import { fieldLabel, nativeSelect } from '../components/table-styles.js';

export type PageFilterValues = {
  trigger: 'any' | 'event' | 'schedule' | 'manual';
  enabled: 'any' | 'enabled' | 'disabled';
  flagged: 'any' | 'flagged' | 'unflagged';
};

export const NO_FILTERS: PageFilterValues = { trigger: 'any', enabled: 'any', flagged: 'any' };

type Choice<K extends keyof PageFilterValues> = { key: K; label: string; options: [PageFilterValues[K], string][] };

const CHOICES: [Choice<'trigger'>, Choice<'enabled'>, Choice<'flagged'>] = [
  { key: 'trigger', label: 'Trigger type', options: [['any', 'Any trigger'], ['event', 'Events'], ['schedule', 'Schedule'], ['manual', 'Manual']] },
  { key: 'enabled', label: 'State', options: [['any', 'Enabled or disabled'], ['enabled', 'Enabled'], ['disabled', 'Disabled']] },
  { key: 'flagged', label: 'Flags', options: [['any', 'Flagged or not'], ['flagged', 'Flagged'], ['unflagged', 'Not flagged']] },
];

/** Filters over the rules already on the page (native selects: keyboard and screen readers know them). */
export function PageFilters({ value, onChange }: { value: PageFilterValues; onChange: (next: PageFilterValues) => void }): ReactNode {
  return (
    <>
      {CHOICES.map((choice) => (
        <div key={choice.key}>
          <label htmlFor={`rules-filter-${choice.key}`} style={fieldLabel}>{choice.label}</label>
          <select
            id={`rules-filter-${choice.key}`}
            style={nativeSelect}
            value={value[choice.key]}
            onChange={(e) => { onChange({ ...value, [choice.key]: e.currentTarget.value }); }}
          >
            {choice.options.map(([v, words]) => <option key={v} value={v}>{words}</option>)}
          </select>
        </div>
      ))}
    </>
  );
}
