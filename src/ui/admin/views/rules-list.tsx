import type { ReactNode } from 'react';
import type { Navigate } from '../route.js';

/** Placeholder until this view is built. */
export function RulesList(_props: { navigate: Navigate }): ReactNode {
  return <p>RulesList is not built yet.</p>;
}
