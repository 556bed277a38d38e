import fc from 'fast-check';
import { HOSTILE_LONG } from '../../test/support/hostile-patterns.js';

/**
 * JSON-Logic built to spend: nested iteration, doubling inside reduce, merges and texts of big inputs, long and deep
 * `if` chains, let chains and actions that share one run's budget, and `matches` with catastrophic patterns. Sizes
 * straddle the validator's limits (1,000 items per list, 2,000 nodes, depth 32) so some pass and must be stopped by
 * the evaluator, and the data (issue.fields.labels up to 100,000 items) decides how far the rest gets.
 */
type Logic = unknown;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const size = fc.constantFrom(2, 10, 100, 300, 500, 999, 1000, 1001);

/** A list to iterate: from the data (as large as the data is) or a literal (as large as validation allows). */
const source: fc.Arbitrary<Logic> = fc.oneof(
  fc.constantFrom({ var: 'issue.fields.labels' }, { var: 'issue.fields.components' }, { var: 'changelog.items' }, { var: 'issue.fields.customfield_10001' }),
  size.map(range),
  fc.constant({ merge: [{ var: 'issue.fields.labels' }, { var: 'issue.fields.labels' }] }),
);
/** Inside an iterator `var` reads the element, so an inner list is a literal. */
const inner = size.map(range);
const element = { var: '' };

const templates: fc.Arbitrary<Logic>[] = [
  fc.tuple(source, inner).map(([a, b]) => ({ map: [a, { map: [b, { '+': [element, 1] }] }] })),
  fc.tuple(source, inner).map(([a, b]) => ({ some: [a, { some: [b, { '==': [element, -1] }] }] })),
  fc.tuple(source, inner).map(([a, b]) => ({ all: [a, { filter: [b, { '>': [element, -1] }] }] })),
  fc.tuple(source, inner).map(([a, b]) => ({ reduce: [a, { '+': [{ var: 'accumulator' }, { length: { map: [b, element] } }] }, 0] })),
  source.map((a) => ({ reduce: [a, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }, [{ var: 'current' }]] }, [0]] })),
  source.map((a) => ({ reduce: [a, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'ab'] })),
  fc.tuple(source, fc.integer({ min: 2, max: 40 })).map(([a, n]) => ({ merge: Array<Logic>(n).fill(a) })),
  fc.tuple(source, fc.integer({ min: 2, max: 20 })).map(([a, n]) => ({ in: ['needle', { merge: Array<Logic>(n).fill(a) }] })),
  fc.integer({ min: 2, max: 12 }).map((n) => ({ lower: { cat: Array<Logic>(n).fill({ var: 'issue.fields.description' }) } })),
  fc.integer({ min: 1, max: 8 }).map((n) => ({ in: ['x', { cat: Array<Logic>(n).fill({ var: 'issue.fields.summary' }) }] })),
  fc.integer({ min: 10, max: 520 }).map((n) => ({ if: [...range(n).flatMap((i) => [{ '==': [{ var: 'issue.fields.summary' }, `s${String(i)}`] }, i]), -1] })),
  fc.constantFrom(8, 31, 32, 33, 60).map((depth) => {
    let node: Logic = { var: 'issue.fields.summary' };
    for (let i = 0; i < depth; i++) node = { if: [{ '!!': { var: 'issue.fields.labels' } }, node, i] };
    return node;
  }),
  fc.integer({ min: 1, max: 999 }).map((n) => ({ missing: range(n).map((i) => `issue.fields.f${String(i)}`) })),
  fc.constantFrom('.*foo.*', '\\s+$', '^(a+)+$', '(a|aa)*c', ...HOSTILE_LONG).map((pattern) => ({ matches: [{ cat: [{ var: 'issue.fields.description' }, { var: 'issue.fields.summary' }] }, pattern] })),
];

export const logicBomb: fc.Arbitrary<Logic> = fc.oneof(...templates);

/** Where a bomb goes: `when`, a chain of let entries that each feed the next, or every action of a rule at once. */
export type Placement = { where: 'when' | 'let-chain' | 'actions'; count: number; wrap: 'none' | 'length' | 'truthy' };

export const placement: fc.Arbitrary<Placement> = fc.record({
  where: fc.constantFrom('when', 'when', 'let-chain', 'actions'),
  count: fc.integer({ min: 1, max: 21 }),
  wrap: fc.constantFrom('none', 'length', 'truthy'),
});

/** Puts `bomb` into `rule` (a copy the caller owns) as `placement` says. */
export function placeBomb(rule: Record<string, unknown>, bomb: Logic, p: Placement): Record<string, unknown> {
  const wrapped = p.wrap === 'length' ? { '>': [{ length: bomb }, 0] } : p.wrap === 'truthy' ? { '!!': [bomb] } : bomb;
  if (p.where === 'when') return { ...rule, when: wrapped };
  if (p.where === 'let-chain') {
    const lets: [string, Logic][] = range(Math.min(p.count, 21)).map((i) => [`v${String(i)}`, i === 0 ? bomb : { merge: [{ var: `let.v${String(i - 1)}` }, bomb] }]);
    return { ...rule, let: Object.fromEntries(lets), when: { '!!': [{ var: `let.v${String(lets.length - 1)}` }] } };
  }
  const actions = range(Math.min(p.count, 11)).map((i) => ({ type: 'record', name: `spend-${String(i)}`, value: wrapped }));
  return { ...rule, actions };
}
