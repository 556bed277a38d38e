import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ruleJsonSchema, ruleJsonSchemaText } from '../src/core/rule/json-schema.js';
import { validationCases } from './support/rule-vectors.js';

const schemaFile = new URL('../schemas/rule.schema.json', import.meta.url);

describe('schemas/rule.schema.json', () => {
  it('is the schema the zod model generates (run `npm run schema` after changing the model)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(ruleJsonSchemaText());
  });

  // Editors validate with the JSON Schema alone: it must accept every rule the validator accepts, or an admin
  // would see red squiggles on a good rule. It may accept more (the validator has the last word).
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(ruleJsonSchema());

  it('accepts every valid vector and every example rule', () => {
    const valid = validationCases().filter((c) => c.issues.length === 0);
    const rulesDir = new URL('../rules/', import.meta.url);
    const examples = readdirSync(rulesDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, rulesDir), 'utf8')) as unknown);
    expect(valid.length + examples.length).toBeGreaterThan(30);
    for (const doc of [...valid.map((c) => c.document), ...examples]) {
      expect(check(doc), JSON.stringify(check.errors)).toBe(true);
    }
  });

  it('rejects the structural mistakes editors can catch as the admin types', () => {
    const structural = ['UNKNOWN_PROPERTY', 'REQUIRED', 'UNKNOWN_EVENT', 'UNKNOWN_ACTION_TYPE', 'UNKNOWN_TRIGGER_TYPE', 'UNKNOWN_OPERATOR', 'TOO_BIG', 'INVALID_FORMAT'];
    const cases = validationCases().filter((c) => c.issues.length > 0 && c.issues.every((i) => structural.includes(i.code)));
    expect(cases.length).toBeGreaterThan(15);
    for (const c of cases) expect(check(c.document), c.name).toBe(false);
  });

  it('offers every operator to editors for completion', () => {
    const expression = (ruleJsonSchema().definitions as Record<string, { propertyNames: { enum: string[] } }>).Expression;
    expect(expression?.propertyNames.enum).toEqual(expect.arrayContaining(['var', 'matches', 'daysSince', 'changedTo', '==']));
  });
});
