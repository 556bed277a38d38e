import fc from 'fast-check';
import { hostileJson, hostileKey } from './hostile-json.js';

/**
 * Mutations of a rule document: walk down by `steps` (each picks a member by index modulo the node's size) and at
 * the end replace the value, delete it, add a (hostile) key beside it, or repeat an array item. Small changes to a
 * valid rule reach the validator's inner passes, where arbitrary JSON stops at the first shape check.
 */
export type Mutation = { steps: number[]; op: 'replace' | 'delete' | 'add' | 'repeat'; key: string; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
  op: fc.constantFrom('replace', 'replace', 'delete', 'add', 'repeat'),
  key: hostileKey,
  value: hostileJson,
});

/** Applies the mutations to `doc` in place (the caller passes a copy) and returns the result. */
export function mutate(doc: unknown, mutations: readonly Mutation[]): unknown {
  let out = doc;
  for (const m of mutations) out = mutateOnce(out, m);
  return out;
}

function mutateOnce(doc: unknown, m: Mutation): unknown {
  if (doc === null || typeof doc !== 'object') return m.value;
  let node = doc as Record<string, unknown>;
  for (const [i, step] of m.steps.entries()) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[step % keys.length] as string;
    const next = node[key];
    if (i === m.steps.length - 1 || next === null || typeof next !== 'object') {
      apply(node, key, m);
      return doc;
    }
    node = next as Record<string, unknown>;
  }
  apply(node, undefined, m);
  return doc;
}

function apply(node: Record<string, unknown>, key: string | undefined, m: Mutation): void {
  const define = (name: string, value: unknown) => {
    // defineProperty keeps "__proto__" an own key, as JSON.parse would.
    Object.defineProperty(node, name, { value, enumerable: true, writable: true, configurable: true });
  };
  if (Array.isArray(node)) {
    const index = key === undefined ? 0 : Number(key);
    if (m.op === 'delete') node.splice(index, 1);
    else if (m.op === 'add') node.push(m.value);
    else if (m.op === 'repeat') node.push(...(Array(1 + (m.steps.length % 3)).fill(node[index]) as unknown[]));
    else node[index] = m.value;
    return;
  }
  if (m.op === 'add' || key === undefined) define(m.key, m.value);
  else if (m.op === 'delete') Reflect.deleteProperty(node, key);
  else if (m.op === 'repeat') define(`${key}${m.key}`, node[key]);
  else define(key, m.value);
}
