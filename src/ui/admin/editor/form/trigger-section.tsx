import { token } from '@atlaskit/tokens';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { SUPPORTED_EVENTS } from '../../../../core/rule/limits.js';
import { asArray, asObject, asText } from '../document-edit.js';
import { fieldDomId } from '../field-owners.js';
import { fieldA11y, FieldMessages, useFieldIssues } from '../issues.js';
import type { SectionProps } from './basics-section.js';
import { ListInput, NumberInput, Section, SelectInput, TextArea, TextInput, labelStyle } from './controls.js';
import { SchedulePreview } from './schedule-preview.js';

export const EVENT_LABELS: Record<string, string> = {
  'avi:jira:created:issue': 'Issue created',
  'avi:jira:updated:issue': 'Issue updated',
  'avi:jira:deleted:issue': 'Issue deleted',
  'avi:jira:assigned:issue': 'Issue assigned',
  'avi:jira:commented:issue': 'Comment added',
};
const UPDATED = 'avi:jira:updated:issue';

const TRIGGER_TYPES = [
  { value: 'event', label: 'Jira event' },
  { value: 'schedule', label: 'Schedule' },
  { value: 'manual', label: 'Manual (run from this page)' },
] as const;

const DEFAULT_TRIGGERS: Record<string, Record<string, unknown>> = {
  event: { type: 'event', events: [UPDATED] },
  schedule: { type: 'schedule', cron: '0 9 * * 1-5', timezone: 'UTC', jql: '' },
  manual: { type: 'manual' },
};

const TIME_ZONES = ((): string[] => {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
})();

function EventChoices({ events, onChange }: { events: unknown[]; onChange: (events: unknown[]) => void }): ReactNode {
  const issues = useFieldIssues('/trigger/events');
  const a11y = fieldA11y('/trigger/events', issues);
  // Unknown entries stay listed (and can be unticked): the form never drops what it cannot name.
  const shown = [...SUPPORTED_EVENTS, ...events.filter((e): e is string => typeof e === 'string' && !(SUPPORTED_EVENTS as readonly string[]).includes(e))];
  const toggle = (event: string, on: boolean): void => {
    onChange(on ? [...events, event] : events.filter((e) => e !== event));
  };
  return (
    <fieldset id={fieldDomId('/trigger/events')} tabIndex={-1} aria-describedby={a11y['aria-describedby']} style={{ border: 'none', margin: `0 0 ${token('space.200')}`, padding: 0 }}>
      <legend style={labelStyle}>Events</legend>
      {shown.map((event) => (
        <label key={event} style={{ display: 'block', font: token('font.body'), marginBottom: token('space.050') }}>
          <input type="checkbox" aria-invalid={a11y['aria-invalid']} checked={events.includes(event)} onChange={(e) => { toggle(event, e.target.checked); }} />{' '}
          {EVENT_LABELS[event] ?? 'Not supported'} <code style={{ font: token('font.code'), color: token('color.text.subtle') }}>({event})</code>
        </label>
      ))}
      <FieldMessages target="/trigger/events" issues={issues} />
    </fieldset>
  );
}

export function TriggerSection({ doc, edit }: SectionProps): ReactNode {
  const trigger = asObject(doc.trigger);
  const type = typeof trigger.type === 'string' ? trigger.type : '';
  // Switching type and back restores what was there: a misclick does not cost the admin their cron or events.
  const earlier = useRef<Record<string, unknown>>({});
  const [now] = useState(() => new Date());
  const switchTo = (next: string): void => {
    if (type !== '') earlier.current[type] = doc.trigger;
    edit(['trigger'], earlier.current[next] ?? DEFAULT_TRIGGERS[next]);
  };
  const events = asArray(trigger.events);
  const cron = asText(trigger.cron);
  const timezone = trigger.timezone === undefined ? 'UTC' : asText(trigger.timezone);
  const preview = useMemo(() => <SchedulePreview cron={cron} timezone={timezone} now={now} />, [cron, timezone, now]);

  return (
    <Section title="Trigger">
      <SelectInput target="/trigger" label="Trigger" value={type} options={TRIGGER_TYPES} onChange={switchTo} />
      {type === 'event' && (
        <>
          <EventChoices events={events} onChange={(v) => { edit(['trigger', 'events'], v); }} />
          {(events.includes(UPDATED) || trigger.fields !== undefined) && (
            <ListInput
              target="/trigger/fields" label="Changed fields" value={trigger.fields} placeholder="Any field"
              onChange={(v) => { edit(['trigger', 'fields'], v); }}
              hint="Issue updated only: run only when one of these fields changed (name or field id, e.g. status, priority). Empty: any change."
            />
          )}
        </>
      )}
      {type === 'schedule' && (
        <>
          <TextInput target="/trigger/cron" label="Cron" value={cron} onChange={(v) => { edit(['trigger', 'cron'], v); }} hint={preview} placeholder="minute hour day-of-month month day-of-week" />
          <TextInput target="/trigger/timezone" label="Time zone" value={timezone} list="rf-time-zones" onChange={(v) => { edit(['trigger', 'timezone'], v); }} hint="An IANA zone such as Europe/Berlin; the cron is read in it, daylight saving included." />
          <datalist id="rf-time-zones">{TIME_ZONES.map((z) => <option key={z} value={z} />)}</datalist>
          <TextArea target="/trigger/jql" label="JQL" value={asText(trigger.jql)} rows={2} onChange={(v) => { edit(['trigger', 'jql'], v); }} hint="The issues each run evaluates." />
          <NumberInput target="/trigger/maxIssues" label="Max issues per run" value={trigger.maxIssues} onChange={(v) => { edit(['trigger', 'maxIssues'], v); }} hint="Empty: 1000. At most 100000." />
        </>
      )}
      {type === 'manual' && <p style={{ margin: 0, color: token('color.text.subtle') }}>The rule runs only when an admin starts it from this page, on one issue or a JQL set.</p>}
    </Section>
  );
}
