import type { ReactNode } from 'react';
import type { Navigate } from '../route.js';

/** Placeholder until this view is built. */
export function RunsView(_props: { ruleId?: string | undefined; runId?: string | undefined; navigate: Navigate }): ReactNode {
  return <p>RunsView is not built yet.</p>;
}
