import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { Pages } from './use-pages.js';

/** Previous / Next under a paged list; `label` names the list for screen readers ("Rules pages"). */
export function Pager({ pages, label }: { pages: Pick<Pages<unknown>, 'hasPrevious' | 'hasNext' | 'pageNo' | 'next' | 'previous'>; label: string }): ReactNode {
  if (!pages.hasPrevious && !pages.hasNext) return null;
  return (
    <nav aria-label={label} style={{ display: 'flex', alignItems: 'center', gap: token('space.100'), marginTop: token('space.150') }}>
      <Button isDisabled={!pages.hasPrevious} onClick={pages.previous}>Previous</Button>
      <span style={{ color: token('color.text.subtle'), font: token('font.body.small') }}>Page {pages.pageNo}</span>
      <Button isDisabled={!pages.hasNext} onClick={pages.next}>Next</Button>
    </nav>
  );
}
