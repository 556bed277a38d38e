import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';

/** A failed request, said as the backend said it, with a way to ask again. */
export function LoadError({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }): ReactNode {
  return (
    <SectionMessage appearance="error" title={title}>
      <p>{message}</p>
      {onRetry !== undefined && <Button onClick={onRetry}>Try again</Button>}
    </SectionMessage>
  );
}
