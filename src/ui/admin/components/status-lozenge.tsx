import Lozenge from '@atlaskit/lozenge';
import type { ReactNode } from 'react';

type Appearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

// Execution statuses (spec: Executions) and scheduled-run statuses share one vocabulary on the page.
const STATUS: Record<string, { words: string; appearance: Appearance }> = {
  SUCCESS: { words: 'Success', appearance: 'success' },
  SOME_ERRORS: { words: 'Some errors', appearance: 'moved' },
  FAILED: { words: 'Failed', appearance: 'removed' },
  THROTTLED: { words: 'Throttled', appearance: 'moved' },
  SKIPPED_DUPLICATE: { words: 'Skipped (duplicate)', appearance: 'default' },
  DRY_RUN: { words: 'Dry run', appearance: 'new' },
  QUEUED: { words: 'Queued', appearance: 'default' },
  RUNNING: { words: 'Running', appearance: 'inprogress' },
};

export const statusWords = (status: string): string => STATUS[status]?.words ?? status;

export function StatusLozenge({ status }: { status: string }): ReactNode {
  return <Lozenge appearance={STATUS[status]?.appearance ?? 'default'}>{statusWords(status)}</Lozenge>;
}
