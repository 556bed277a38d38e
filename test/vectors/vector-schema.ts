import * as z from 'zod';

/**
 * The format of test/vectors/rules/<id>.json: inputs a rule sees and the decision and planned actions the engine
 * must produce for them. The vector's own structure is strict so a typo in a key fails loudly; the parts copied
 * from Jira and Forge (issue fields, the event payload, the comment) stay open because the real payloads carry
 * many more keys than any one rule reads.
 */

/** The engine's clock and the scheduler's times are ours, so they are held to ISO-8601 with an explicit offset. */
const instant = z.iso.datetime({ offset: true });

const issueSchema = z.strictObject({
  id: z.string().regex(/^[0-9]+$/),
  key: z.string().regex(/^[A-Z][A-Z0-9_]*-[0-9]+$/),
  // Only what scope checks read is required: every site has its own custom fields.
  fields: z.looseObject({
    project: z.looseObject({ key: z.string().min(1) }),
    issuetype: z.looseObject({ name: z.string().min(1) }),
  }),
});

const changelogItemSchema = z.strictObject({
  field: z.string().min(1),
  fieldtype: z.string().min(1),
  // Jira leaves fieldId out for some legacy fields, which is why triggers match on field name too.
  fieldId: z.string().min(1).optional(),
  from: z.string().nullable(),
  fromString: z.string().nullable(),
  to: z.string().nullable(),
  toString: z.string().nullable(),
  // Jira adds these to assignee items on some sites.
  tmpFromAccountId: z.string().nullable().optional(),
  tmpToAccountId: z.string().nullable().optional(),
});

const changelogSchema = z.strictObject({
  id: z.string().optional(),
  items: z.array(changelogItemSchema),
});

const commentSchema = z.looseObject({
  id: z.string().min(1),
  author: z.looseObject({ accountId: z.string().min(1) }),
  body: z.string(),
  created: z.string().min(1),
});

/** A Forge product event as delivered; eventType is checked against SUPPORTED_EVENTS by the test, not here. */
const eventPayloadSchema = z.looseObject({
  eventType: z.string().min(1),
  atlassianId: z.string().min(1),
  issue: issueSchema,
  changelog: changelogSchema.optional(),
  comment: commentSchema.optional(),
});

export const vectorInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), now: instant, event: eventPayloadSchema }),
  z.strictObject({
    kind: z.literal('schedule'),
    now: instant,
    issue: issueSchema,
    schedule: z.strictObject({ dueAt: instant, firedAt: instant }),
  }),
  z.strictObject({ kind: z.literal('manual'), now: instant, issue: issueSchema }),
]);
export type VectorInput = z.infer<typeof vectorInputSchema>;

const label = z.string().regex(/^\S{1,255}$/);

export const plannedActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('comment'), body: z.string() }),
  z.strictObject({ type: z.literal('setField'), field: z.string().min(1), value: z.json() }),
  z.strictObject({ type: z.literal('addLabels'), labels: z.array(label).min(1) }),
  z.strictObject({ type: z.literal('removeLabels'), labels: z.array(label).min(1) }),
  z.strictObject({ type: z.literal('transition'), to: z.string().min(1) }),
  z.strictObject({ type: z.literal('assign'), accountId: z.string().min(1).nullable() }),
  z.strictObject({ type: z.literal('record'), name: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/), value: z.json() }),
]);
export type PlannedAction = z.infer<typeof plannedActionSchema>;

export const DECISIONS = ['matched', 'not-matched', 'out-of-scope', 'not-triggered'] as const;
export type Decision = (typeof DECISIONS)[number];

// Strictness does the "actions iff matched" rule: only the matched branch declares the key.
const expectSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('matched'), actions: z.array(plannedActionSchema).min(1).max(10) }),
  z.strictObject({ decision: z.enum(['not-matched', 'out-of-scope', 'not-triggered']) }),
]);

export const vectorCaseSchema = z.strictObject({
  name: z.string().min(1),
  input: vectorInputSchema,
  expect: expectSchema,
});
export type VectorCase = z.infer<typeof vectorCaseSchema>;

export const ruleVectorFileSchema = z
  .strictObject({
    rule: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/),
    cases: z.array(vectorCaseSchema).min(1),
  })
  .superRefine((file, ctx) => {
    // Names identify failing cases in test output, so two cases must not share one.
    const seen = new Set<string>();
    for (const [i, c] of file.cases.entries()) {
      if (seen.has(c.name)) {
        ctx.addIssue({ code: 'custom', path: ['cases', i, 'name'], message: `duplicate case name "${c.name}"` });
      }
      seen.add(c.name);
    }
  });
export type RuleVectorFile = z.infer<typeof ruleVectorFileSchema>;
