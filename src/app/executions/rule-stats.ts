/** One rule's recent activity for the rules list: per UTC day (aligned with the answer's `days`), and its last run. */
export type RuleStats = {
  ruleId: string;
  runs: number[];
  failures: number[];
  last: { status: string; at: string; executionId: string } | null;
};
