import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import type { RuleBundle } from '../../../contract/resolver-contract.js';
import { useClient } from '../client.js';
import { subtleText } from '../components/table-styles.js';

export const exportFileName = (bundle: Pick<RuleBundle, 'exportedAt'>): string => `ruleforge-rules-${bundle.exportedAt.slice(0, 10)}.json`;

/** Hands the bundle to the browser as a file download; nothing leaves the page but through the browser's save. */
function download(bundle: RuleBundle): string {
  const name = exportFileName(bundle);
  const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
  return name;
}

export function RulesExport(): ReactNode {
  const client = useClient();
  const [state, setState] = useState<{ busy: boolean; message: string | null; failed: boolean }>({ busy: false, message: null, failed: false });
  const run = async (): Promise<void> => {
    setState({ busy: true, message: null, failed: false });
    const answer = await client('rules.export', {});
    if (!answer.ok) { setState({ busy: false, message: `The export failed: ${answer.error.message}`, failed: true }); return; }
    const name = download(answer.result);
    const count = answer.result.rules.length;
    setState({ busy: false, message: `Exported ${count} rule${count === 1 ? '' : 's'} to ${name}.`, failed: false });
  };
  return (
    <div>
      <p style={subtleText}>Every rule&apos;s current document in one JSON file, which Import takes back.</p>
      <Button onClick={() => { void run(); }} isLoading={state.busy}>Export rules</Button>
      <p role="status" style={{ margin: `${token('space.100')} 0 0`, color: state.failed ? token('color.text.danger') : token('color.text.subtle') }}>{state.message}</p>
    </div>
  );
}
