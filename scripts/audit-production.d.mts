// Types for scripts/audit-production.mjs (a plain Node script, so CI runs it without a build step).
export type AuditFinding = { name: string; severity: string; range: string | undefined; advisories: string[] };
export type AuditOutcome =
  | { status: 'clean'; counts: Record<string, number> }
  | { status: 'vulnerable'; findings: AuditFinding[]; counts: Record<string, number> }
  | { status: 'unreachable'; reason: string };
export declare const FAILING_SEVERITIES: readonly string[];
export declare function classify(stdout: string): AuditOutcome;
export declare function exitCodeOf(outcome: AuditOutcome, unreachable: 'warn' | 'fail'): number;
