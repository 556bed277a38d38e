import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppSettings } from '../../../app/settings/settings.js';
import { useClient } from '../client.js';
import { LoadError } from '../components/load-error.js';
import { sectionHeading, viewHeading } from '../components/table-styles.js';
import { PauseSwitch } from './pause-switch.js';
import { RetentionForm } from './retention-form.js';
import { DeleteAllData } from './delete-all-data.js';
import { RulesExport } from './rules-export.js';
import { RulesImport } from './rules-import.js';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; settings: AppSettings };

/** The site-wide switches: pause everything, how long records are kept, and rules in and out as one file. */
export function SettingsView({ onSettingsChanged }: { onSettingsChanged: () => Promise<void> }): ReactNode {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const load = useCallback(async () => {
    const answer = await client('settings.get', {});
    setLoaded(answer.ok ? { state: 'ready', settings: answer.result } : { state: 'failed', message: answer.error.message });
  }, [client]);
  useEffect(() => { void load(); }, [load]);

  const changed = (settings: AppSettings): void => {
    setLoaded({ state: 'ready', settings });
    // The shell shows a banner while paused: it asks for the settings again.
    void onSettingsChanged();
  };

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading" style={viewHeading}>Settings</h2>
      {loaded.state === 'loading' && <p>Loading…</p>}
      {loaded.state === 'failed' && <LoadError title="The settings could not be loaded" message={loaded.message} onRetry={() => { void load(); }} />}
      {loaded.state === 'ready' && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.100'), maxWidth: 880 }}>
          <h3 style={sectionHeading}>Pause</h3>
          <PauseSwitch settings={loaded.settings} onChanged={changed} />
          <h3 style={sectionHeading}>Retention</h3>
          <RetentionForm settings={loaded.settings} onChanged={changed} />
          <h3 style={sectionHeading}>Export</h3>
          <RulesExport />
          <h3 style={sectionHeading}>Import</h3>
          <RulesImport />
          <h3 style={sectionHeading}>Delete all app data</h3>
          <DeleteAllData />
        </div>
      )}
    </section>
  );
}
