// PLACEHOLDER being written by the lead; the signature below is final.
/** The rule document's JSON Schema (draft 2020-12), generated from the zod model. */
export function ruleJsonSchema(): Record<string, unknown> {
  return {};
}
