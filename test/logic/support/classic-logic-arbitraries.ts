import * as fc from 'fast-check';

/**
 * Generators for the differential test against json-logic-js: classic JSON-Logic over data whose keys the `var`
 * paths use. The evaluator takes what the validator refuses (computed paths, any number of arguments:
 * docs/decisions/0002 is the validator's), so the generators include those too. The safety deviations of
 * docs/decisions/0005 are excluded by construction:
 * - paths, literal or computed, are made of the segments below only, so none reaches the prototype chain or a
 *   function (`constructor`, `toString`, `__proto__` never appear);
 * - no refused or unknown operator, no `{"*": []}`;
 * - data objects are plain, with no member named like an Object.prototype method (`toString`);
 * - sizes stay far below the budget and the size limits (arrays of at most 4 items, depth at most 6).
 */

export const SEGMENTS = ['a', 'b', 'c', 'x', '0', '1', '2'] as const;

const tricky = fc.constantFrom<unknown>(0, -0, 1, -1, 2, 3, 10, -7, 0.5, -2.25, 1.5, 100, 1e21, 0.1, '', '0', '1', '-1', '1.5',
  '10', '2', 'abc', 'a', 'b', 'x', 'a.b', ' ', 'true', 'false', 'null', 'A', '1e3', true, false, null);

/** Scalars that make coercion interesting: zeros of both signs, numeric strings, "", booleans, null. */
export const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: tricky },
  { weight: 2, arbitrary: fc.integer({ min: -20, max: 20 }) },
  { weight: 1, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

const objectKeys = ['a', 'b', 'c', 'x', '0', 'a.b'] as const;

/** JSON-like data: objects keyed by the path segments (so paths hit), arrays of up to 4 items, scalars. */
export const { value: dataValue } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 2, withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.record(Object.fromEntries(objectKeys.map((k) => [k, tie('value')])), { requiredKeys: [], noNullPrototype: true }),
}));

/** The root data: usually an object with most keys present, sometimes any value. */
export const rootData: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 9, arbitrary: fc.record(Object.fromEntries(objectKeys.map((k) => [k, dataValue])), { requiredKeys: ['a', 'b', 'x'], noNullPrototype: true }) },
  { weight: 1, arbitrary: dataValue },
);

export const varPath: fc.Arbitrary<string | number> = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 10, arbitrary: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }).map((s) => s.join('.')) },
  { weight: 2, arbitrary: fc.constantFrom('nope', 'a.nope', 'current', 'accumulator', 'current.a', 'accumulator.0', 'a.b') },
  { weight: 1, arbitrary: fc.nat(3) },
);

type Logic = unknown;
const obj = (op: string, args: unknown): Logic => ({ [op]: args });

const BINARY = ['==', '===', '!=', '!==', '>', '>=', '/', '%', 'in'] as const;
const VARIADIC = ['and', 'or', 'max', 'min', '+', '*', 'cat'] as const;
const ITERATORS = ['map', 'filter', 'all', 'none', 'some'] as const;

/** Classic JSON-Logic, 1 to 6 levels deep (fc.oneof's maxDepth stops recursion at the leaves). */
const CLASSIC = ['var', 'missing', 'missing_some', 'if', ...BINARY, '<', '<=', '!', '!!', ...VARIADIC, '-', 'merge', ...ITERATORS, 'reduce', 'substr'] as const;

export const { expr: classicLogic } = fc.letrec<{ expr: Logic; leaf: Logic; compound: Logic; offArity: Logic }>((tie) => {
  const e = tie('expr');
  const args = (min: number, max: number): fc.Arbitrary<Logic[]> => fc.array(e, { minLength: min, maxLength: max });
  const paths = fc.array(fc.oneof(varPath, fc.constantFrom('a', 'b.0', 'x.a')), { maxLength: 3 });
  // An iterator's first argument: mostly a path that may hold an array, sometimes a literal list or any expression.
  const arrayish = fc.oneof(
    { weight: 4, arbitrary: varPath.map((p) => obj('var', p)) },
    { weight: 2, arbitrary: fc.array(e, { maxLength: 4 }) },
    { weight: 1, arbitrary: e },
  );
  // A path computed at run time, from the same segments: joined with cat, or chosen with if.
  const computedPath = fc.oneof(
    fc.array(fc.constantFrom(...SEGMENTS, '.'), { minLength: 1, maxLength: 4 }).map((parts) => obj('cat', parts)),
    fc.tuple(e, varPath, varPath).map(([c, p, q]) => obj('if', [c, p, q])),
  );
  return {
    expr: fc.oneof({ depthSize: 'medium', maxDepth: 5, withCrossShrink: true }, tie('leaf'), tie('compound'), tie('offArity')),
    // Any operator with 0 to 4 arguments: json-logic-js reads missing ones as undefined and ignores extras, and so
    // does the evaluator (decision 0005, lenient-arguments), except `{"*": []}`, which it refuses at compile
    // (0005's safety deviations; json-logic-js throws when it reaches it). See "deviations".
    offArity: fc
      .tuple(fc.constantFrom(...CLASSIC), args(0, 4))
      .filter(([op, a]) => op !== '*' || a.length > 0)
      .map(([op, a]) => obj(op, a)),
    leaf: fc.oneof(
      { weight: 4, arbitrary: varPath.map((p) => obj('var', p)) },
      { weight: 4, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
    ),
    // One entry per operator, so each is about as frequent as any other.
    compound: fc.oneof(
      fc.oneof(
        fc.tuple(varPath, e).map(([p, d]) => obj('var', [p, d])),
        varPath.map((p) => obj('var', [p])),
        fc.tuple(computedPath, e).map(([p, d]) => obj('var', [p, d])),
      ),
      fc.oneof(
        paths.filter((p) => p.length > 0).map((p) => obj('missing', p)),
        paths.map((p) => obj('missing', [p])),
        fc.array(computedPath, { minLength: 1, maxLength: 2 }).map((p) => obj('missing', p)),
        fc.tuple(paths, paths).map(([p, q]) => obj('missing', { merge: [p, q] })),
      ),
      fc.tuple(fc.oneof(fc.nat(3), e), paths).map(([n, p]) => obj('missing_some', [n, p])),
      args(2, 5).map((a) => obj('if', a)),
      ...BINARY.map((op) => args(2, 2).map((a) => obj(op, a))),
      ...(['<', '<='] as const).map((op) => args(2, 3).map((a) => obj(op, a))),
      ...(['!', '!!'] as const).map((op) => fc.tuple(e, fc.boolean()).map(([a, bare]) => obj(op, bare && !Array.isArray(a) ? a : [a]))),
      ...VARIADIC.map((op) => args(1, 4).map((a) => obj(op, a))),
      args(1, 2).map((a) => obj('-', a)),
      args(0, 3).map((a) => obj('merge', a)),
      ...ITERATORS.map((op) => fc.tuple(arrayish, e).map(([a, body]) => obj(op, [a, body]))),
      fc.tuple(arrayish, e, e).map(([a, body, initial]) => obj('reduce', [a, body, initial])),
      args(2, 3).map((a) => obj('substr', a)),
    ),
  };
});

/** A body for an iterator over generated arrays: reads the element ("" or a path into it) or the reduce scope. */
export const iteratorCase: fc.Arbitrary<{ logic: Logic; data: unknown }> = fc
  .tuple(fc.constantFrom(...ITERATORS, 'reduce'), fc.array(dataValue, { maxLength: 6 }), classicLogic, classicLogic, rootData)
  .map(([op, items, body, initial, root]) => {
    const data = root !== null && typeof root === 'object' && !Array.isArray(root) ? { ...root, items } : { items };
    const list = { var: 'items' };
    return { logic: op === 'reduce' ? { reduce: [list, body, initial] } : { [op]: [list, body] }, data };
  });

/** Every binary and between operator over pairs (and triples) of tricky scalars and small arrays. */
export const coercionCase: fc.Arbitrary<Logic> = fc
  .tuple(
    fc.constantFrom(...BINARY, '<', '<=', '+', '-', '*', 'max', 'min', 'cat', 'substr', 'merge', 'and', 'or', 'if'),
    fc.array(fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) }), { minLength: 2, maxLength: 3 }),
  )
  .map(([op, values]) => {
    // Literal lists in logic are evaluated element-wise, so a list argument is passed as-is.
    const fixed = op === '-' || (BINARY as readonly string[]).includes(op) ? values.slice(0, 2) : values;
    return { [op]: fixed };
  });
