import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';

/** A determinate bar (value of max), or an indeterminate one (value null) while the total is unknown. */
export function ProgressBar({ label, value, max, words }: { label: string; value: number | null; max: number; words: string }): ReactNode {
  const share = value === null || max <= 0 ? null : Math.min(1, Math.max(0, value / max));
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value ?? undefined}
        aria-valuetext={words}
        style={{ height: 8, borderRadius: token('radius.full'), background: token('color.background.neutral'), overflow: 'hidden' }}
      >
        <div style={{
          height: '100%', width: share === null ? '30%' : `${(share * 100).toFixed(1)}%`, background: token('color.background.brand.bold'),
          borderRadius: token('radius.full'), opacity: share === null ? 0.5 : 1,
        }} />
      </div>
      <p style={{ margin: `${token('space.050')} 0 0`, font: token('font.body.small'), color: token('color.text.subtle') }}>{words}</p>
    </div>
  );
}
