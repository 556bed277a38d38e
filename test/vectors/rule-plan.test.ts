import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRule, planRun, type RunInput } from '../../src/core/engine/index.js';
import { parseJiraEvent } from '../../src/core/event/jira-event-payload.js';
import { createLogicEngine } from '../../src/core/logic/engine.js';
import { validateRule } from '../../src/core/rule/validate.js';
import { ruleVectorFileSchema, type VectorInput } from './vector-schema.js';

/**
 * Every case of test/vectors/rules/ through the engine as it runs in production: validateRule, compileRule, planRun.
 * The decision and the planned actions must be exactly the vector's (rule-vectors.test.ts checks the files themselves).
 */
const RULES_DIR = new URL('../../rules/', import.meta.url);
const VECTORS_DIR = new URL('./rules/', import.meta.url);
const readJson = (dir: URL, file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const files = readdirSync(VECTORS_DIR).filter((f) => f.endsWith('.json')).sort();
const engine = createLogicEngine();

function runInput(input: VectorInput): RunInput {
  const now = Date.parse(input.now);
  if (input.kind !== 'event') return { ...input, now };
  const parsed = parseJiraEvent(input.event);
  // A vector event Forge's payload parser would drop is a broken vector, not an engine result.
  if (!parsed.ok) throw new Error(`the vector's event does not parse: ${JSON.stringify(parsed.issues)}`);
  return { kind: 'event', now, event: parsed.event };
}

describe.each(files)('test/vectors/rules/%s through the engine', (file) => {
  const validated = validateRule(readJson(RULES_DIR, file));
  const vectors = ruleVectorFileSchema.parse(readJson(VECTORS_DIR, file));

  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (!validated.ok) throw new Error(`rules/${file} is invalid: ${JSON.stringify(validated.issues)}`);
    const compiled = compileRule(engine, validated.rule, 1);
    if (!compiled.ok) throw new Error(`rules/${file} does not compile: ${JSON.stringify(compiled.error)}`);
    const result = planRun(compiled.rule, runInput(c.input), { trace: true });
    expect(result.error).toBeUndefined();
    expect({ decision: result.decision, actions: result.actions }).toEqual({
      decision: c.expect.decision,
      actions: c.expect.decision === 'matched' ? c.expect.actions : [],
    });
    // What leaves the engine is JSON: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
