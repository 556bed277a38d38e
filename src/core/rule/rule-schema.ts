import * as z from 'zod';
import { RULE_LIMITS as L, SUPPORTED_EVENTS } from './limits.js';
import { sized } from './sized.js';

/**
 * The rule document, version 1 (../shared/spec/rule-document-v1.md) as one zod model: the types, the validator's
 * structural pass, the JSON Schema for editors and the admin form all derive from it. Objects are strict because
 * the spec makes unknown properties errors (a typo such as "evnts" must not be silently ignored).
 *
 * Semantic rules that zod cannot express cheaply (operator allow-list, `let` ordering, cron in a zone, pattern
 * safety) live in validate.ts; this file says only what the document looks like.
 */

/** A JSON-Logic expression. Its grammar is checked by check-logic.ts; editors get it from json-schema.ts. */
export type Logic = string | number | boolean | null | Logic[] | { [key: string]: Logic };

/*
 * Expressions are typed here but not parsed by zod: z.json() re-tries every union branch at every level (hundreds of
 * microseconds for a small condition), and inspect-document.ts has already proved the whole document is JSON.
 * check-logic.ts checks their grammar; json-schema.ts describes them to editors.
 */
const isPresent = (value: unknown): boolean => value !== undefined;
const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

export const logicSchema = z.custom<Logic>(isPresent).meta({ id: 'Logic', title: 'JSON-Logic expression' });

/**
 * A setField value: an expression, or a literal in Jira's REST shape such as {"name":"High"} whose members may be
 * expressions (docs/decisions/0001-setfield-values.md).
 */
export const fieldValueSchema = z.custom<Logic>(isPresent).meta({ id: 'FieldValue', title: 'Jira field value or JSON-Logic expression' });

/**
 * An operator object, e.g. {"cat": [...]}. Parameters that take plain text (comment body, transition target,
 * account id) accept a string literal or this; a bare string is always the literal, never an expression.
 */
export const expressionSchema = z
  .custom<{ [operator: string]: Logic }>(isObject)
  .meta({ id: 'Expression', title: 'JSON-Logic operator expression' });

const eventName = z.enum(SUPPORTED_EVENTS).describe('A Jira issue event');

export const eventTriggerSchema = z
  .strictObject({
    type: z.literal('event'),
    events: sized(z.array(eventName), 1, SUPPORTED_EVENTS.length).describe('The Jira events that fire the rule'),
    fields: sized(z.array(sized(z.string(), 1, L.fieldNameMax)), 1, L.fieldsMax)
      .optional()
      .describe('Updated events only: fire only when the changelog has one of these fields (name or fieldId)'),
  })
  .describe('Run when Jira issues change');

export const scheduleTriggerSchema = z
  .strictObject({
    type: z.literal('schedule'),
    cron: sized(z.string(), 1, L.cronMax).describe('Five fields: minute hour day-of-month month day-of-week'),
    timezone: sized(z.string(), 1, L.timezoneMax).default(L.timezoneDefault).describe('IANA time zone, e.g. Europe/Berlin'),
    jql: sized(z.string().trim(), 1, L.jqlMax).describe('The issues each run evaluates'),
    maxIssues: z.number().int().min(1).max(L.maxIssuesMax).default(L.maxIssuesDefault).describe('Cap on issues per run'),
  })
  .describe('Run on a schedule over a JQL set');

export const manualTriggerSchema = z
  .strictObject({ type: z.literal('manual') })
  .describe('Run from the admin page on one issue or a JQL set');

export const triggerSchema = z.discriminatedUnion('type', [eventTriggerSchema, scheduleTriggerSchema, manualTriggerSchema]);

const labels = sized(z.array(z.string().regex(L.labelPattern, 'a Jira label: no spaces, 1..255 characters')), 1, L.labelsMax);

export const commentActionSchema = z
  .strictObject({
    type: z.literal('comment'),
    body: z.union([sized(z.string(), 1, L.commentBodyMax), expressionSchema]).describe('Plain text, or logic that yields it'),
  })
  .describe('Add a comment (sent to Jira as ADF)');

export const setFieldActionSchema = z
  .strictObject({
    type: z.literal('setField'),
    field: sized(z.string(), 1, L.fieldNameMax).describe('Field id or name, e.g. "priority" or "customfield_10010"'),
    // No .describe() here: a described copy of a meta'd schema would escape the JSON Schema override.
    value: fieldValueSchema,
  })
  .describe('Set one field');

export const addLabelsActionSchema = z
  .strictObject({ type: z.literal('addLabels'), labels })
  .describe('Add labels (kept if already present)');

export const removeLabelsActionSchema = z
  .strictObject({ type: z.literal('removeLabels'), labels })
  .describe('Remove labels (ignored if absent)');

export const transitionActionSchema = z
  .strictObject({
    type: z.literal('transition'),
    to: z.union([sized(z.string(), 1, L.transitionMax), expressionSchema]).describe('Target status name, or a transition id'),
  })
  .describe('Move the issue through its workflow');

export const assignActionSchema = z
  .strictObject({
    type: z.literal('assign'),
    accountId: z
      .union([sized(z.string(), 1, L.accountIdMax), z.null(), expressionSchema])
      .describe('Atlassian account id; null unassigns'),
  })
  .describe('Assign or unassign the issue');

export const recordActionSchema = z
  .strictObject({
    type: z.literal('record'),
    name: z.string().regex(L.recordNamePattern, 'lowercase letters, digits, "-" and "_", starting with a letter'),
    value: logicSchema,
  })
  .describe('Store a result record in entity storage');

export const actionSchema = z.discriminatedUnion('type', [
  commentActionSchema,
  setFieldActionSchema,
  addLabelsActionSchema,
  removeLabelsActionSchema,
  transitionActionSchema,
  assignActionSchema,
  recordActionSchema,
]);

export const scopeSchema = z
  .strictObject({
    projects: sized(z.array(z.string().regex(L.projectKeyPattern, 'a Jira project key, e.g. OPS')), 1, L.scopeProjectsMax).optional(),
    issueTypes: sized(z.array(sized(z.string(), 1, L.issueTypeNameMax)), 1, L.scopeIssueTypesMax).optional(),
  })
  .describe('Limit the rule to projects and issue types; absent = all');

export const ruleSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Ignored by the engine; editors use it'),
    schemaVersion: z.literal(1),
    id: z.string().regex(L.idPattern, 'lowercase letters, digits and "-", 1..64 characters'),
    name: sized(z.string().trim(), 1, L.nameMax),
    description: sized(z.string(), undefined, L.descriptionMax).optional(),
    enabled: z.boolean().default(true),
    scope: scopeSchema.optional(),
    trigger: triggerSchema,
    let: z
      .record(z.string().regex(L.letNamePattern, 'a name of letters, digits and "_", other than __proto__, constructor and prototype'), logicSchema)
      // The count is checked in check-semantics.ts (zod records have no size check); the schema tells editors.
      .meta({ maxProperties: L.letMax })
      .optional()
      .describe('Named values, evaluated in key order; each may read earlier ones as {"var":"let.<name>"}'),
    when: logicSchema.optional().describe('Truthy => the actions run; absent = always'),
    actions: sized(z.array(actionSchema), L.actionsMin, L.actionsMax),
    limits: z
      .strictObject({
        maxRunsPerHour: z.number().int().min(1).max(L.maxRunsPerHourMax).default(L.maxRunsPerHourDefault),
      })
      .optional(),
  })
  .meta({ id: 'RuleDocument', title: 'Ruleforge rule document, version 1' });

/** A rule as the engine sees it: defaults applied. */
export type Rule = z.output<typeof ruleSchema>;
/** A rule as an admin writes it: defaults optional. */
export type RuleInput = z.input<typeof ruleSchema>;
export type Trigger = Rule['trigger'];
export type Action = Rule['actions'][number];
