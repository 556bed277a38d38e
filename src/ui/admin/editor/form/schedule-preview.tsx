import { token } from '@atlaskit/tokens';
import { useMemo, type ReactNode } from 'react';
import { describeCron, nextDueTimes } from '../../../../core/schedule/due-times.js';
import { hintStyle } from './controls.js';

const RUNS = 5;

function formatRun(utc: string, local: string, timezone: string): string {
  const wall = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(utc));
  return `${wall} (UTC${local.slice(-6)})`;
}

/**
 * What the cron means and when it runs next, in the rule's zone, computed by the same core functions the scheduler
 * uses, so the preview and the backend never disagree. `now` is the page's clock (the core never reads one).
 */
export function SchedulePreview({ cron, timezone, now }: { cron: string; timezone: string; now: Date }): ReactNode {
  const preview = useMemo(() => {
    const due = nextDueTimes(cron, timezone, now, RUNS);
    return { words: describeCron(cron), due };
  }, [cron, timezone, now]);
  if (!preview.due.ok) return <span style={hintStyle}>The next runs show here once the cron and time zone are valid.</span>;
  return (
    <span style={{ display: 'block' }}>
      <span style={{ display: 'block', color: token('color.text'), font: token('font.body') }}>{preview.words} ({timezone})</span>
      <span style={{ display: 'block', ...hintStyle }}>Next {RUNS} runs:</span>
      <ol aria-label="Next runs" style={{ margin: 0, paddingLeft: token('space.300'), font: token('font.body.small'), color: token('color.text.subtle') }}>
        {preview.due.times.map((t) => <li key={t.utc}><time dateTime={t.utc}>{formatRun(t.utc, t.local, timezone)}</time></li>)}
      </ol>
      <span style={{ display: 'block', ...hintStyle }}>Forge ticks every five minutes: a run starts at the first tick at or after its time.</span>
    </span>
  );
}
