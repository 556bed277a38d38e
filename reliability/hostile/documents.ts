import fc from 'fast-check';
import { SUPPORTED_EVENTS } from '../../src/core/rule/limits.js';
import { hostileJson, hostileString, nest, ownObject, parsedHostileJson, PROTOTYPE_KEYS } from './hostile-json.js';
import { logicBomb, placeBomb, placement } from './logic-bombs.js';
import { mutate, mutation } from './mutate.js';
import { pattern, subject } from './patterns.js';
import { seeds } from './seeds.js';

/** Which generator a document came from, so the slowest one can be traced back to its kind. */
export const DOCUMENT_KINDS = ['json', 'hostile-json', 'mutated', 'variant', 'prototype-keys', 'regex', 'budget', 'deep', 'huge'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type GeneratedDocument = { kind: DocumentKind; document: unknown };

type Doc = Record<string, unknown>;
const copy = (doc: unknown): unknown => structuredClone(doc);

/** Small valid rules of each trigger type, to carry generated logic. */
const BASES: Doc[] = [
  { schemaVersion: 1, id: 'hostile-event', name: 'Hostile event rule', trigger: { type: 'event', events: [...SUPPORTED_EVENTS] }, actions: [{ type: 'addLabels', labels: ['hostile'] }] },
  { schemaVersion: 1, id: 'hostile-schedule', name: 'Hostile schedule rule', trigger: { type: 'schedule', cron: '0 9 * * 1-5', jql: 'project = OPS' }, actions: [{ type: 'addLabels', labels: ['hostile'] }] },
  { schemaVersion: 1, id: 'hostile-manual', name: 'Hostile manual rule', trigger: { type: 'manual' }, actions: [{ type: 'comment', body: 'checked' }] },
];
const base = fc.constantFrom(...BASES).map((doc) => copy(doc) as Doc);
const validSeed = fc.nat().map((i) => copy(seeds().valid[i % seeds().valid.length]));
const anySeed = fc.nat().map((i) => copy(seeds().all[i % seeds().all.length]));

const mutated = fc.tuple(fc.oneof(validSeed, anySeed), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([doc, ms]) => mutate(doc, ms));

/** Valid-looking changes a rule author might make: other names, texts, ids, event lists, scopes, limits. */
const variant = fc
  .record({
    doc: validSeed,
    name: fc.oneof(fc.string({ minLength: 1, maxLength: 120 }), hostileString),
    description: fc.option(fc.oneof(hostileString, fc.string({ maxLength: 2000 })), { nil: undefined }),
    id: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/),
    events: fc.subarray([...SUPPORTED_EVENTS], { minLength: 1 }),
    projects: fc.option(fc.array(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,9}$/), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    maxRunsPerHour: fc.option(fc.integer({ min: -1, max: 10_001 }), { nil: undefined }),
  })
  .map(({ doc, name, description, id, events, projects, maxRunsPerHour }) => {
    const out: Doc = { ...(doc as Doc), name, id };
    if (description !== undefined) out['description'] = description;
    const trigger = out['trigger'] as Doc | undefined;
    if (trigger?.['type'] === 'event') out['trigger'] = { ...trigger, events };
    if (projects !== undefined) out['scope'] = { projects };
    if (maxRunsPerHour !== undefined) out['limits'] = { maxRunsPerHour };
    return out;
  });

/** A prototype key added somewhere, or a var path through one, then through JSON text so the keys are own. */
const prototypeKeys = fc
  .tuple(validSeed, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.constantFrom(...PROTOTYPE_KEYS), hostileJson, fc.constantFrom(...PROTOTYPE_KEYS), fc.boolean())
  .map(([doc, steps, key, value, segment, inPath]) => {
    const out = mutate(doc, [{ steps, op: 'add', key, value: inPath ? value : { polluted: true, nested: value } }]);
    const text = JSON.stringify(out).replace(/"var":"issue\.fields\.([^"]*)"/, `"var":"issue.${segment}.$1"`);
    return JSON.parse(text) as unknown;
  });

const regex = fc
  .tuple(base, subject, pattern, fc.constantFrom('when', 'let', 'record', 'notLiteral'))
  .map(([doc, subj, pat, where]) => {
    const logic = { matches: [subj, where === 'notLiteral' ? { cat: [pat] } : pat] };
    if (where === 'let') return { ...doc, let: { hit: logic }, when: { var: 'let.hit' } };
    if (where === 'record') return { ...doc, actions: [{ type: 'record', name: 'matched', value: logic }] };
    return { ...doc, when: logic };
  });

const budget = fc.tuple(base, logicBomb, placement).map(([doc, bomb, p]) => placeBomb(doc, bomb, p));

const DEPTHS = [5, 31, 32, 33, 64, 99, 100, 101, 1000, 5000, 20_000];
const deep = fc
  .record({
    doc: base,
    depth: fc.constantFrom(...DEPTHS),
    shape: fc.constantFrom('not', 'and', 'if', 'array', 'object', 'proto'),
    where: fc.constantFrom('document', 'when', 'let', 'record', 'description', 'trigger'),
  })
  .map(({ doc, depth, shape, where }) => {
    const wrap = (inner: unknown): unknown => {
      switch (shape) {
        case 'not': return { '!': [inner] };
        case 'and': return { and: [true, inner] };
        case 'if': return { if: [{ var: 'issue.fields.summary' }, inner, null] };
        case 'array': return [inner];
        case 'object': return { a: inner };
        case 'proto': return ownObject([['__proto__', inner]]);
      }
    };
    const value = nest(depth, { var: 'issue.key' }, wrap);
    if (where === 'document') return value;
    if (where === 'record') return { ...doc, actions: [{ type: 'record', name: 'deep', value }] };
    if (where === 'let') return { ...doc, let: { deep: value } };
    if (where === 'trigger') return { ...doc, trigger: value };
    return { ...doc, [where]: value };
  });

/** A few very large documents: 100,000-item arrays and objects, megabyte strings. Slow to build, so rare. */
const huge = fc.tuple(base, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([doc, which, mb]) => {
  const big = 'x'.repeat(mb * 1_000_000);
  switch (which) {
    case 0: return new Array<unknown>(100_000).fill(doc);
    case 1: return { ...doc, actions: new Array<unknown>(100_000).fill({ type: 'comment', body: 'x' }) };
    case 2: return { ...doc, description: big };
    case 3: return { ...doc, when: { in: ['needle', big] } };
    case 4: return Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${String(i)}`, i]));
    case 5: return { ...doc, when: { merge: [new Array<unknown>(100_000).fill(1)] } };
    default: return { ...doc, actions: [{ type: 'addLabels', labels: Array.from({ length: 100_000 }, (_, i) => `l${String(i)}`) }] };
  }
});

const tagged = (kind: DocumentKind, arbitrary: fc.Arbitrary<unknown>, weight: number) => ({
  weight,
  arbitrary: arbitrary.map((document): GeneratedDocument => ({ kind, document })),
});

/** The mix, in thousandths: mostly near-valid rules (they reach the deeper passes), a thousandth huge. */
export const generatedDocument: fc.Arbitrary<GeneratedDocument> = fc.oneof(
  tagged('json', fc.jsonValue(), 150),
  tagged('hostile-json', parsedHostileJson, 120),
  tagged('mutated', mutated, 260),
  tagged('variant', variant, 90),
  tagged('prototype-keys', prototypeKeys, 90),
  tagged('regex', regex, 90),
  tagged('budget', budget, 120),
  tagged('deep', deep, 79),
  tagged('huge', huge, 1),
);
