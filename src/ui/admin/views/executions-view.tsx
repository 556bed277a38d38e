import type { ReactNode } from 'react';
import type { Navigate } from '../route.js';

/** Placeholder until this view is built. */
export function ExecutionsView(_props: { ruleId?: string | undefined; executionId?: string | undefined; navigate: Navigate }): ReactNode {
  return <p>ExecutionsView is not built yet.</p>;
}
