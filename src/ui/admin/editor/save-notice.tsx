import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import type { Navigate } from '../route.js';
import type { SaveNotice } from './use-rule-session.js';

/** What the last save did: a new version, nothing to save, problems, or someone else's save in the way. */
export function SaveNoticeMessage({ notice, isNew, ruleId, onReload, navigate }: { notice: SaveNotice; isNew: boolean; ruleId: string; onReload: () => void; navigate: Navigate }): ReactNode {
  switch (notice.kind) {
    case 'saved':
      return (
        <SectionMessage appearance="success" title={notice.unchanged ? `Nothing to save: version ${String(notice.version)} is the same` : `Saved as version ${String(notice.version)}`}>
          <p>{notice.unchanged ? 'The document equals the current version, so no new version was made.' : 'The rule runs as this version from now on.'}</p>
        </SectionMessage>
      );
    case 'invalid':
      return <SectionMessage appearance="error" title="Not saved: the rule has problems"><p>{notice.message} Each problem is shown at its field.</p></SectionMessage>;
    case 'failed':
      return <SectionMessage appearance="error" title="Not saved"><p>{notice.message}</p></SectionMessage>;
    case 'conflict': {
      const now = notice.currentVersion === null ? 'a newer version' : `version ${String(notice.currentVersion)}`;
      if (isNew) {
        return (
          <SectionMessage appearance="warning" title="A rule with this id already exists" actions={[<Button key="open" onClick={() => { navigate({ view: 'editor', ruleId }); }}>Open the existing rule</Button>]}>
            <p>Nothing was saved and nothing was overwritten: "{ruleId}" is at {now}. Choose another id, or open that rule.</p>
          </SectionMessage>
        );
      }
      return (
        <SectionMessage appearance="warning" title="Someone else saved this rule" actions={[<Button key="reload" onClick={onReload}>Reload</Button>]}>
          <p>Your changes were not saved and nothing was overwritten: the rule is now at {now}, saved after you opened it. {notice.message}</p>
          <p>Reload loads {now} and discards your changes here. To keep them, copy the document from the JSON tab first, then reload and apply them again.</p>
        </SectionMessage>
      );
    }
  }
}
