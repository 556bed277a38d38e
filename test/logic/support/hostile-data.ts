import * as z from 'zod';
import { ISSUE_CODES } from '../../../src/core/rule/issue-codes.js';
import { LOGIC_ERROR_CODES } from '../../../src/core/logic/types.js';
import { describedEntries } from './logic-vectors.js';

/**
 * The format of test/vectors/logic/hostile-rules.json: a rule document, what the validator must say about it, and
 * (optionally) data to evaluate its `let` and `when` with and the one outcome that must follow. Strict, so a typo
 * fails the file. Large or exotic values are written as builders (expanded by `expand`).
 */
const errorOutcome = z.strictObject({ code: z.enum(LOGIC_ERROR_CODES) });
const outcome = z.union([z.strictObject({ result: z.json() }), z.strictObject({ error: errorOutcome })]);

const runSchema = z.union([
  z.strictObject({ data: z.json(), result: z.json() }),
  z.strictObject({ data: z.json(), error: errorOutcome }),
  // Where the right answer is the implementation's choice: a value, or a clean failure; never an exception.
  z.strictObject({ data: z.json(), anyOf: z.array(outcome).min(2) }),
]);
export type HostileRun = z.infer<typeof runSchema>;
export type Outcome = z.infer<typeof outcome>;

const hostileCaseSchema = z.strictObject({
  description: z.string().min(1),
  rule: z.json(),
  validation: z.union([z.literal('ok'), z.strictObject({ code: z.enum(ISSUE_CODES), path: z.string().optional() })]),
  run: runSchema.optional(),
});
export type HostileCase = z.infer<typeof hostileCaseSchema>;

export const hostileFileSchema = describedEntries(hostileCaseSchema);

const count = z.int().min(0).max(1_000_000);
const builders = {
  $range: count,
  $repeat: z.strictObject({ count, value: z.json() }),
  $text: z.strictObject({ count, value: z.string() }),
  $nest: z.strictObject({ depth: count.min(1), op: z.string().min(1), leaf: z.json() }),
  $nestData: z.strictObject({ depth: count.min(1) }),
  $nullProto: z.record(z.string(), z.json()),
  $parse: z.string(),
};
type BuilderName = keyof typeof builders;

function isBuilder(key: string): key is BuilderName {
  return Object.hasOwn(builders, key);
}

/** Expands the builders anywhere in a value. Iterative where the result is deep, so 100,000 levels cost nothing. */
export function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first !== undefined && isBuilder(first[0])) return build(first[0], first[1]);
  // fromEntries defines properties, so a "__proto__" key stays an own key (as JSON.parse makes it).
  return Object.fromEntries(entries.map(([k, v]) => [k, expand(v)]));
}

function build(name: BuilderName, raw: unknown): unknown {
  switch (name) {
    case '$range':
      return Array.from({ length: builders.$range.parse(raw) }, (_, i) => i);
    case '$repeat': {
      const { count: n, value } = builders.$repeat.parse(raw);
      return new Array<unknown>(n).fill(expand(value));
    }
    case '$text': {
      const { count: n, value } = builders.$text.parse(raw);
      return value.repeat(n);
    }
    case '$nest': {
      const { depth, op, leaf } = builders.$nest.parse(raw);
      let node = expand(leaf);
      for (let i = 0; i < depth; i++) node = { [op]: [node] };
      return node;
    }
    case '$nestData': {
      let node: unknown[] = [];
      for (let i = 1; i < builders.$nestData.parse(raw).depth; i++) node = [node];
      return node;
    }
    case '$nullProto': {
      const target = Object.create(null) as Record<string, unknown>;
      for (const [k, v] of Object.entries(builders.$nullProto.parse(raw))) {
        Object.defineProperty(target, k, { value: expand(v), enumerable: true, writable: true, configurable: true });
      }
      return target;
    }
    case '$parse':
      return JSON.parse(builders.$parse.parse(raw)) as unknown;
  }
}

/** The first function found in a value (a path to it), or undefined. Iterative and cycle-safe. */
export function findFunction(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '$']];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, at] = stack.pop() as [unknown, string];
    if (typeof node === 'function') return at;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    for (const key of Object.keys(node)) stack.push([(node as Record<string, unknown>)[key], `${at}.${key}`]);
  }
  return undefined;
}
