import type { ReactNode } from 'react';
import { JsonBlock } from '../components/json-block.js';
import { RouteLink } from '../components/route-link.js';
import { When } from '../components/when.js';
import type { Navigate } from '../route.js';
import { eventWords } from './rule-words.js';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * What started an execution, in words where the page knows the shape (an event; one issue of a scheduled or manual
 * run, linked to the run), else as JSON.
 */
export function TriggerFacts({ trigger, navigate }: { trigger: unknown; navigate: Navigate }): ReactNode {
  if (trigger === null || typeof trigger !== 'object') return <JsonBlock value={trigger ?? null} />;
  const t = trigger as Record<string, unknown>;
  const kind = text(t.kind);
  const eventType = text(t.eventType);
  if (kind === 'event' && eventType !== null) {
    const actor = text(t.actorAccountId);
    return <span>Event: {eventWords(eventType)}{actor === null ? '' : ` (by ${actor})`}</span>;
  }
  const runId = text(t.runId);
  if ((kind === 'schedule' || kind === 'manual') && runId !== null) {
    const by = text(t.requestedBy);
    return (
      <span>
        {kind === 'schedule' ? 'Scheduled run' : 'Manual run'}{' '}
        <RouteLink to={{ view: 'runs', runId }} navigate={navigate}>{runId}</RouteLink>
        {text(t.dueAt) !== null && <>, due <When iso={text(t.dueAt)} /></>}
        {by !== null && kind === 'manual' ? ` (by ${by})` : ''}
      </span>
    );
  }
  if (kind === 'manual') {
    const by = text(t.requestedBy);
    return <span>Run from this page{by === null ? '' : ` by ${by}`}</span>;
  }
  return <JsonBlock value={trigger} />;
}
