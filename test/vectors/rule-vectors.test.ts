import { readdirSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import * as z from 'zod';
import { SUPPORTED_EVENTS } from '../../src/core/rule/limits.js';
import { validateRule } from '../../src/core/rule/validate.js';
import { ruleVectorFileSchema, type Decision, type RuleVectorFile, type VectorInput } from './vector-schema.js';

const RULES_DIR = new URL('../../rules/', import.meta.url);
const VECTORS_DIR = new URL('./rules/', import.meta.url);
const SCHEMA_REF = '../schemas/rule.schema.json';
const UPDATED_EVENT = 'avi:jira:updated:issue';

function jsonFiles(dir: URL): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function readJson(dir: URL, file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
}

/**
 * Just what the trigger/scope cross-check needs. Deliberately loose: validateRule is the authority on the document,
 * and this test must still say something useful while the validator is unfinished.
 */
const ruleShape = z.looseObject({
  $schema: z.string().optional(),
  id: z.string(),
  scope: z
    .looseObject({ projects: z.array(z.string()).optional(), issueTypes: z.array(z.string()).optional() })
    .optional(),
  trigger: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('event'), events: z.array(z.string()), fields: z.array(z.string()).optional() }),
    z.looseObject({ type: z.literal('schedule') }),
    z.looseObject({ type: z.literal('manual') }),
  ]),
});
type RuleShape = z.infer<typeof ruleShape>;

function loadRule(file: string): RuleShape {
  return ruleShape.parse(readJson(RULES_DIR, file));
}

function loadVectors(file: string): RuleVectorFile {
  return ruleVectorFileSchema.parse(readJson(VECTORS_DIR, file));
}

/**
 * The part of the engine's decision that needs no JSON-Logic: the trigger (event type, then the updated event's
 * `fields` filter, matched on field name or fieldId), then the scope. `undefined` means the rule's `when` decides.
 */
function gateDecision(rule: RuleShape, input: VectorInput): Extract<Decision, 'not-triggered' | 'out-of-scope'> | undefined {
  const { trigger } = rule;
  let issue;
  if (input.kind === 'event') {
    const { event } = input;
    if (trigger.type !== 'event' || !trigger.events.includes(event.eventType)) return 'not-triggered';
    const fields = trigger.fields;
    if (fields !== undefined && event.eventType === UPDATED_EVENT) {
      const items = event.changelog?.items ?? [];
      const hit = items.some(
        (item) => fields.includes(item.field) || (item.fieldId !== undefined && fields.includes(item.fieldId)),
      );
      if (!hit) return 'not-triggered';
    }
    issue = event.issue;
  } else {
    issue = input.issue;
  }
  const { projects, issueTypes } = rule.scope ?? {};
  if (projects !== undefined && !projects.includes(issue.fields.project.key)) return 'out-of-scope';
  if (issueTypes !== undefined && !issueTypes.includes(issue.fields.issuetype.name)) return 'out-of-scope';
  return undefined;
}

const ruleFiles = jsonFiles(RULES_DIR);
const vectorFiles = jsonFiles(VECTORS_DIR);
const supportedEvents: readonly string[] = SUPPORTED_EVENTS;

describe('example rules', () => {
  it('exist', () => {
    expect(ruleFiles.length).toBeGreaterThanOrEqual(9);
  });

  describe.each(ruleFiles)('rules/%s', (file) => {
    it('is named after its id and points editors at the schema', () => {
      const doc = readJson(RULES_DIR, file);
      expect(doc).toMatchObject({ $schema: SCHEMA_REF, schemaVersion: 1 });
      expect(`${loadRule(file).id}.json`).toBe(file);
    });

    it('is a valid rule', () => {
      const result = validateRule(readJson(RULES_DIR, file));
      // Comparing the issue list (not just `ok`) prints every problem when the rule is rejected.
      expect(result.ok ? [] : result.issues).toEqual([]);
    });

    it('has a vector file that parses and names this rule', () => {
      expect(vectorFiles).toContain(file);
      const parsed = ruleVectorFileSchema.safeParse(readJson(VECTORS_DIR, file));
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      expect(parsed.data?.rule).toBe(loadRule(file).id);
    });

    it('has at least 4 cases, matched and not', () => {
      const decisions = loadVectors(file).cases.map((c) => c.expect.decision);
      expect(decisions.length).toBeGreaterThanOrEqual(4);
      expect(decisions).toContain('matched');
      expect(decisions.some((d) => d !== 'matched')).toBe(true);
    });

    it('covers not-triggered and out-of-scope where the trigger or scope can reject', () => {
      const rule = loadRule(file);
      const decisions = loadVectors(file).cases.map((c) => c.expect.decision);
      if (rule.trigger.type === 'event') expect(decisions).toContain('not-triggered');
      if (rule.scope !== undefined) expect(decisions).toContain('out-of-scope');
    });

    it('feeds each case the input its trigger type receives, with supported events only', () => {
      const rule = loadRule(file);
      for (const c of loadVectors(file).cases) {
        expect(c.input.kind, c.name).toBe(rule.trigger.type);
        if (c.input.kind === 'event') expect(supportedEvents, c.name).toContain(c.input.event.eventType);
      }
    });

    it('expects not-triggered and out-of-scope exactly where the trigger and scope say so', () => {
      const rule = loadRule(file);
      for (const c of loadVectors(file).cases) {
        const gate = gateDecision(rule, c.input);
        if (gate === undefined) {
          expect(['matched', 'not-matched'], c.name).toContain(c.expect.decision);
        } else {
          expect(c.expect.decision, c.name).toBe(gate);
        }
      }
    });
  });
});

describe('rule vectors', () => {
  it.each(vectorFiles)('test/vectors/rules/%s belongs to a rule', (file) => {
    expect(ruleFiles).toContain(file);
  });
});
