import * as z from 'zod';
import { OPERATORS, OPERATOR_NAMES } from '../logic/operators.js';
import { expressionSchema, fieldValueSchema, logicSchema, ruleSchema } from './rule-schema.js';

type JsonSchema = Record<string, unknown>;

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

/**
 * The JSON-Logic parts of the schema, written for editors: zod would describe them as "any JSON", which gives an
 * admin no completion. These name every allowed operator with its description, so VS Code completes `"matches"`
 * and shows what it takes. The validator, not the schema, has the last word (arity, paths, patterns).
 */
function expressionDefinition(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const name of OPERATOR_NAMES) {
    const spec = OPERATORS[name];
    // Logic already includes lists; offering the list form again would make validators try every level twice.
    properties[name] = { description: `${spec.description}.`, $ref: '#/definitions/Logic' };
  }
  return {
    title: 'JSON-Logic operator expression',
    type: 'object',
    minProperties: 1,
    maxProperties: 1,
    propertyNames: { enum: [...OPERATOR_NAMES] },
    properties,
  };
}

const OVERRIDES = new Map<unknown, () => JsonSchema>([
  [logicSchema, () => ({
    title: 'JSON-Logic expression',
    description: 'A literal value, a list, or one operator object such as {"==": [{"var": "issue.fields.status.name"}, "Done"]}.',
    anyOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array', items: ref('Logic') }, ref('Expression')],
  })],
  [expressionSchema, expressionDefinition],
  [fieldValueSchema, () => ({
    title: 'Jira field value or JSON-Logic expression',
    description: 'In Jira REST shape, e.g. {"name": "High"} or ["a", "b"], or an expression that yields it.',
    anyOf: [ref('Expression'), { type: ['object', 'array', 'string', 'number', 'boolean', 'null'] }],
  })],
]);

/** The rule document's JSON Schema (draft-07, which every editor reads), generated from the zod model. */
export function ruleJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(ruleSchema, {
    target: 'draft-07',
    io: 'input',
    // The expression types are z.custom (see rule-schema.ts); the overrides below describe them.
    unrepresentable: 'any',
    override: (ctx) => {
      const replacement = OVERRIDES.get(ctx.zodSchema);
      if (!replacement) return;
      for (const key of Object.keys(ctx.jsonSchema)) Reflect.deleteProperty(ctx.jsonSchema, key);
      Object.assign(ctx.jsonSchema, replacement());
    },
  }) as JsonSchema;
  return { ...pruneDefinitions(schema), $id: 'https://ruleforge.dev/schemas/rule.schema.json' };
}

/** Drops definitions nothing refers to any more (zod's own "any JSON" definitions that the overrides replaced). */
function pruneDefinitions(schema: JsonSchema): JsonSchema {
  const definitions = (schema.definitions ?? {}) as Record<string, unknown>;
  const reachable = new Set<string>();
  const pending = [JSON.stringify({ ...schema, definitions: undefined })];
  while (pending.length > 0) {
    for (const match of (pending.pop() ?? '').matchAll(/"#\/definitions\/([^"]+)"/g)) {
      const name = match[1] ?? '';
      if (reachable.has(name)) continue;
      reachable.add(name);
      pending.push(JSON.stringify(definitions[name]));
    }
  }
  const kept = Object.fromEntries(Object.entries(definitions).filter(([name]) => reachable.has(name)));
  return { ...schema, definitions: kept };
}

/** The schema as schemas/rule.schema.json holds it: two-space indent, one trailing newline. */
export function ruleJsonSchemaText(): string {
  return JSON.stringify(ruleJsonSchema(), null, 2) + '\n';
}
