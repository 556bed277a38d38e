import './jsdom-shims.js';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DRY_RUN } from '../editor/editor-fixtures.js';
import { TraceTree } from './trace-tree.js';

afterEach(cleanup);

describe('TraceTree', () => {
  it('shows each expression as a tree of operators, arguments and results', () => {
    render(<TraceTree trace={DRY_RUN.trace} />);
    const tree = screen.getByRole('list', { name: 'Explain trace' });
    const roots = [...tree.children].map((li) => li.textContent);
    expect(roots[0]).toMatch(/^let previousStatus: reduce → "Done"/);
    expect(roots[1]).toMatch(/^▾when: and \(true, false\) → false/);
    expect(roots[2]).toMatch(/^action 1 \/body: cat/);
    const notEqual = screen.getByRole('button', { name: /^!= \("done", "done"\) → false$/ });
    expect(within(notEqual).getByText('false').style.background).not.toBe('');
    expect(screen.getByText('var')).toBeTruthy();
  });

  it('opens and closes a node with its button, which says whether it is open', () => {
    render(<TraceTree trace={DRY_RUN.trace} />);
    const when = screen.getByRole('button', { name: /^when: and/ });
    expect(when.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(when);
    expect(when.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('changedFrom')).toBeNull();
    fireEvent.click(when);
    expect(screen.getByText('changedFrom')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(screen.queryByText('changedFrom')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(screen.getByText('var')).toBeTruthy();
  });

  it('says so when there is no trace, or it is not one', () => {
    render(<TraceTree trace={null} />);
    expect(screen.getByText('No explain trace.')).toBeTruthy();
    cleanup();
    render(<TraceTree trace={{ let: {}, omitted: 4 }} />);
    expect(screen.getByText(/The trace is empty/)).toBeTruthy();
  });
});
