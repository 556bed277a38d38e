// PLACEHOLDER being written by the lead.
export type Rule = Record<string, unknown>;
