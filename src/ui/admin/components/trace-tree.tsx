import type { ReactNode } from 'react';

/** Placeholder until built: the explain trace (RuleTrace from src/core/engine) as an expandable tree. */
export function TraceTree({ trace }: { trace: unknown }): ReactNode {
  return <pre>{JSON.stringify(trace, null, 2)}</pre>;
}
