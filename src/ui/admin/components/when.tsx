import type { ReactNode } from 'react';

const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };

/** An instant in the reader's own time zone; the exact ISO value is one hover (or screen reader) away. */
export function When({ iso }: { iso: string | null | undefined }): ReactNode {
  if (iso === null || iso === undefined || iso === '') return <span>—</span>;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return <span>{iso}</span>;
  return <time dateTime={iso} title={iso}>{at.toLocaleString(undefined, FORMAT)}</time>;
}

export function durationWords(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
