import type { ReactNode } from 'react';


/** Placeholder until this view is built. */
export function AuditView(): ReactNode {
  return <p>AuditView is not built yet.</p>;
}
