import type { ReactNode } from 'react';
import type { Navigate } from '../route.js';

/** Placeholder until this view is built. */
export function RuleEditor(_props: { ruleId: string | null; navigate: Navigate }): ReactNode {
  return <p>RuleEditor is not built yet.</p>;
}
