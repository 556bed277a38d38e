import type { ReactNode } from 'react';
import type { Navigate } from '../route.js';

/** Placeholder until this view is built. */
export function SettingsView(_props: { onSettingsChanged: () => Promise<void> }): ReactNode {
  return <p>SettingsView is not built yet.</p>;
}
