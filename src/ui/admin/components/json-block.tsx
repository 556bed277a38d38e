import type { ReactNode } from 'react';
import { codeBlock } from './table-styles.js';

/** A JSON value as written, for values whose shape the page does not know (a trigger, an error, a let value). */
export function JsonBlock({ value }: { value: unknown }): ReactNode {
  return <pre style={codeBlock}>{JSON.stringify(value, null, 2)}</pre>;
}
