import { token } from '@atlaskit/tokens';
import type { MouseEvent, ReactNode } from 'react';
import { routeHash, type Navigate, type Route } from '../route.js';

/**
 * A real link (it can be opened in a new tab, copied, reached by Tab) that moves within the page through `navigate`
 * on a plain click.
 */
export function RouteLink({ to, navigate, children, label }: { to: Route; navigate: Navigate; children: ReactNode; label?: string }): ReactNode {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={routeHash(to)} onClick={onClick} aria-label={label} style={{ color: token('color.link') }}>{children}</a>;
}
