import fc from 'fast-check';

/**
 * Values shaped to trip parsers and walkers: prototype keys as own properties (as JSON.parse makes them), strings
 * that look like paths, patterns or nothing at all, and numbers at the edges. Everything here is JSON.
 */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

export const hostileKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, 'toString', 'hasOwnProperty', 'valueOf', 'then', 'length', '') },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('schemaVersion', 'id', 'name', 'trigger', 'when', 'let', 'actions', 'var', 'and', 'map', 'matches', 'issue', 'fields', 'eventType') },
);

export const hostileString = fc.oneof(
  fc.constantFrom(
    '__proto__', 'constructor.constructor', 'issue.__proto__.polluted', '__proto__.polluted', 'constructor.prototype.polluted',
    '(a+)+$', '((a*)*)*b', '', '\u0000', '~/', '\uD800', '\uFFFF', '𝓾𝓷𝓲𝓬𝓸𝓭𝓮', '\u202E', 'a'.repeat(300), '../../etc/passwd',
    '2026-02-30', '2026-03-02T09:00:00Z', '+275760-09-13T00:00:00.000Z', '1e309', 'NaN', '-0', 'null', 'true', '[object Object]',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }),
);

export const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 1e-7),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** An object built by defining properties, so "__proto__" is an own key exactly as JSON.parse makes it. */
export function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  return Object.fromEntries(entries);
}

/** Arbitrary JSON whose keys favour prototype names and whose leaves favour hostile strings. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false),
    edgeNumber,
    hostileString,
    fc.array(tie('value'), { maxLength: 6 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 6 }).map(ownObject),
  ),
})).value;

/** The same through JSON text and JSON.parse, the way a document arrives from the admin page or the CLI. */
export const parsedHostileJson = hostileJson.map((value) => JSON.parse((JSON.stringify(value) as string | undefined) ?? 'null') as unknown);

/** `value` nested `depth` times by `wrap`, built iteratively (recursion would be the thing under test). */
export function nest(depth: number, leaf: unknown, wrap: (inner: unknown, level: number) => unknown): unknown {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = wrap(node, i);
  return node;
}
